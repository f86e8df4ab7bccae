import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  badgeText,
  countOffTrack,
  formatKpiValue,
  newlyOffTrack,
  notificationFor,
  type OffTrackEvent,
} from '@/lib/background/alerts';
import { handleMessage, type HandlerDeps } from '@/lib/background/handler';
import { judgeEntities, type JudgeSettings } from '@/lib/kpi/judge';
import type { JudgedEntity } from '@/lib/kpi/projection';
import { targetSchema, type Target, type TargetInput } from '@/lib/kpi/targets';
import type { Request, SenderInfo } from '@/lib/messages';
import type { KpiLensDb } from '@/lib/store/db';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/store/settings';
import { saveTarget, setTargetMuted } from '@/lib/store/targets';
import { freshDb, reading, row } from '../store/make';
import { platformForUrl } from '@/lib/platforms/registry';

const cpaTarget: TargetInput = {
  id: 'cpa-20',
  scope: { kind: 'account', platform: 'meta', accountId: '1234567890' },
  kpi: 'cpa',
  value: 20,
  currency: 'USD',
};

function evaluable(entityKey: string, spend: number, conversions: number): JudgedEntity {
  return {
    platform: 'meta',
    accountId: '1234567890',
    entityKey,
    currency: 'USD',
    currencySource: 'page',
    metrics: { spend, conversions },
    dateStart: null,
    dateEnd: null,
  };
}

/** The judge as the worker calls it, with the default chips (CPA, ROAS) shown. */
function evaluate(rows: JudgedEntity[], targets: Target[], settings: JudgeSettings) {
  return judgeEntities(rows, targets, ['cpa', 'roas'], settings);
}

describe('newlyOffTrack (pure)', () => {
  const targets = [targetSchema.parse(cpaTarget)];
  const judge = (rows: JudgedEntity[]) => evaluate(rows, targets, {});

  it('reports on-track → off-track and at-risk → off-track, not off → off or unknown → off', () => {
    const before = judge([
      evaluable('a', 100, 5),
      evaluable('b', 105, 5),
      evaluable('c', 200, 5),
      evaluable('d', 50, 0),
    ]);
    const after = judge([
      evaluable('a', 150, 5),
      evaluable('b', 150, 5),
      evaluable('c', 250, 5),
      evaluable('d', 150, 5),
    ]);
    const events = newlyOffTrack(before, after, new Map([['a', 'Campaign A']]));
    expect(events.map((e) => e.entityKey)).toEqual(['a', 'b']);
    expect(events[0]).toMatchObject({
      entityName: 'Campaign A',
      targetId: 'cpa-20',
      kpi: 'cpa',
      value: 30,
      comparedWith: 20,
    });
  });

  it('a first reading already off track is not a change', () => {
    expect(newlyOffTrack([], judge([evaluable('a', 500, 5)]))).toEqual([]);
  });

  it('muted targets and break-even targets never notify', () => {
    const muted = [targetSchema.parse({ ...cpaTarget, muted: true })];
    expect(
      newlyOffTrack(
        evaluate([evaluable('a', 100, 5)], muted, {}),
        evaluate([evaluable('a', 300, 5)], muted, {}),
      ),
    ).toEqual([]);
    // No user target, a margin set: ROAS is judged against break-even (1 ÷ 0.25 = 4).
    const be = (value: number) =>
      evaluate(
        [{ ...evaluable('a', 100, 5), metrics: { spend: 100, conversions: 5, conversionValue: value } }],
        [],
        { margin: 0.25 },
      );
    expect(be(500)[0]?.results.find((r) => r.kpi === 'roas')?.status).toBe('on-track');
    expect(be(100)[0]?.results.find((r) => r.kpi === 'roas')?.status).toBe('off-track');
    expect(newlyOffTrack(be(500), be(100))).toEqual([]);
  });

  it('countOffTrack counts entities, not KPIs, and ignores muted targets', () => {
    const two = [
      targetSchema.parse(cpaTarget),
      targetSchema.parse({ id: 'cpc', scope: { kind: 'all' }, kpi: 'cpc', value: 0.1 }),
    ];
    const rows = [
      { ...evaluable('a', 100, 1), metrics: { spend: 100, conversions: 1, clicks: 10 } },
      evaluable('b', 10, 1),
    ];
    expect(countOffTrack(evaluate(rows, two, {}))).toBe(1);
    const muted = two.map((t) => ({ ...t, muted: true }));
    expect(countOffTrack(evaluate(rows, muted, {}))).toBe(0);
  });
});

describe('badge and notification text (pure)', () => {
  it('badge shows the count, nothing for 0, 99+ beyond', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(3)).toBe('3');
    expect(badgeText(120)).toBe('99+');
  });

  const event = (entityKey: string, name: string | null): OffTrackEvent => ({
    entityKey,
    entityName: name,
    targetId: 'cpa-20',
    kpi: 'cpa',
    value: 30,
    comparedWith: 20,
    direction: 'atMost',
    currency: 'USD',
  });

  it('one entity: its name, the KPI, value and target', () => {
    expect(notificationFor([event('a', 'Black Friday')], 'en-US')).toEqual({
      title: 'Off track: Black Friday',
      message: 'CPA is $30.00; target ≤ $20.00.',
    });
  });

  it('several entities: a count and the first names', () => {
    const events = ['A', 'B', 'C', 'D', 'E'].map((n) => event(n, `Campaign ${n}`));
    expect(notificationFor(events, 'en-US')).toEqual({
      title: '5 entities went off track',
      message: 'Campaign A, Campaign B, Campaign C and 2 more',
    });
    expect(notificationFor([], 'en-US')).toBeNull();
  });

  it('uses the locale’s messages when present', () => {
    const lookup = (key: string, subs: string[]) =>
      key === 'alert_offtrack_title' ? `Поза ціллю: ${subs[0]}` : '';
    expect(notificationFor([event('a', 'Кампанія')], 'uk-UA', lookup)?.title).toBe('Поза ціллю: Кампанія');
  });

  it('formats values by KPI unit; unknown is a dash', () => {
    expect(formatKpiValue('ctr', 0.0285, null, 'en-US')).toBe('2.85%');
    expect(formatKpiValue('roas', 3.25, 'USD', 'en-US')).toBe('3.25×');
    expect(formatKpiValue('cpc', 1.5, 'EUR', 'de-DE')).toBe('1,50\u00a0€');
    expect(formatKpiValue('cpa', 12, null, 'en-US')).toBe('12');
    expect(formatKpiValue('cpa', null, 'USD', 'en-US')).toBe('—');
  });
});

describe('alerts through the background handler', () => {
  const EXT = 'ext';
  const BASE = `chrome-extension://${EXT}/`;
  const URL = 'https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=1234567890';
  const tab: SenderInfo = { id: EXT, url: URL, tab: { id: 3, url: URL } };
  const DAY1 = Date.UTC(2026, 10, 21, 9);
  const DAY2 = Date.UTC(2026, 10, 22, 9);
  let db: KpiLensDb;
  let settings: Settings;

  beforeEach(async () => {
    fakeBrowser.reset();
    db = freshDb();
    settings = DEFAULT_SETTINGS;
    await saveTarget(db, cpaTarget);
  });
  afterEach(async () => {
    await db.delete();
  });

  const deps = (now: number): HandlerDeps => ({
    db,
    extensionId: EXT,
    extensionBaseUrl: BASE,
    platformForUrl,
    now: () => now,
    timeZone: 'UTC',
    locale: 'en-US',
    loadSettings: async () => settings,
  });
  const send = (now: number, spend: number, name = 'Black Friday') => {
    const message: Request = {
      type: 'snapshot:submit',
      readingId: `r${now}-${spend}`,
      reading: reading([row('1', { spend, conversions: 5 }, { entityName: name })]),
    };
    return handleMessage(message, tab, deps(now));
  };
  const notifications = async () => Object.values(await fakeBrowser.notifications.getAll());

  it('notifies once per entity, target and day when an entity goes off track', async () => {
    await send(DAY1, 100); // CPA 20: on track
    expect(await notifications()).toHaveLength(0);
    await send(DAY1 + 60_000, 150); // CPA 30: off track
    expect(await notifications()).toEqual([
      expect.objectContaining({ title: 'Off track: Black Friday', type: 'basic' }),
    ]);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 3 })).toBe('1');

    await send(DAY1 + 120_000, 100); // back on track
    expect(await fakeBrowser.action.getBadgeText({ tabId: 3 })).toBe('');
    await send(DAY1 + 180_000, 160); // off again, same day: logged already, no second notification
    expect(await notifications()).toHaveLength(1);

    await send(DAY2, 100);
    await send(DAY2 + 60_000, 170); // next day: notifies again
    expect(await notifications()).toHaveLength(2);
    expect((await db.alerts.toArray()).map((a) => a.day)).toEqual(['2026-11-21', '2026-11-22']);
  });

  it('a muted target does not notify (the badge ignores it too)', async () => {
    await setTargetMuted(db, 'cpa-20', true);
    await send(DAY1, 100);
    await send(DAY1 + 60_000, 150);
    expect(await notifications()).toHaveLength(0);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 3 })).toBe('');
  });

  it('notifications off in settings: no notification, the badge still counts', async () => {
    settings = { ...DEFAULT_SETTINGS, alerts: { notify: false, badge: true } };
    await send(DAY1, 100);
    await send(DAY1 + 60_000, 150);
    expect(await notifications()).toHaveLength(0);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 3 })).toBe('1');
  });

  it('a resent reading (same numbers) does not notify again', async () => {
    await send(DAY1, 100);
    await send(DAY1 + 60_000, 150);
    await send(DAY1 + 61_000, 150);
    expect(await notifications()).toHaveLength(1);
  });
});
