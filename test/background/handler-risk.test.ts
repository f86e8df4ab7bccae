import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import en from '@/public/_locales/en/messages.json';
import { handleMessage, type HandlerDeps } from '@/lib/background/handler';
import type { SenderInfo } from '@/lib/messages';
import type { Metrics } from '@/lib/model';
import { shiftDay } from '@/lib/kpi/risk-flags';
import type { KpiLensDb } from '@/lib/store/db';
import { loadRisks } from '@/lib/store/risks';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/store/settings';
import { saveTarget } from '@/lib/store/targets';
import { freshDb, reading, row } from '../store/make';
import { platformForUrl } from '@/lib/platforms/registry';

const EXT = 'kpilensextensionid';
const META_URL = 'https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=1234567890';
const metaTab: SenderInfo = { id: EXT, url: META_URL, tab: { id: 7, url: META_URL } };
/** Thursday 2026-11-26, 15:00 UTC: past midday, so "spend stopped" may fire. */
const TODAY = '2026-11-26';
const NOW = Date.UTC(2026, 10, 26, 15);

/** The English catalogue as `browser.i18n.getMessage` would answer it. */
function lookup(key: string, subs: string[]): string {
  const entry = (
    en as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>
  )[key];
  if (!entry) return '';
  return entry.message.replace(/\$([A-Z]+)\$/g, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return subs[Number(content.slice(1)) - 1] ?? '';
  });
}

let db: KpiLensDb;
let notified: { id: string; title: string; message: string }[];
function deps(settings: Settings = DEFAULT_SETTINGS, now = NOW): HandlerDeps {
  return {
    db,
    extensionId: EXT,
    extensionBaseUrl: `chrome-extension://${EXT}/`,
    platformForUrl,
    now: () => now,
    timeZone: 'UTC',
    warn: () => undefined,
    locale: 'en-US',
    lookup,
    loadSettings: async () => settings,
    ui: {
      notify: async (id, content) => void notified.push({ id, ...content }),
      setBadge: async () => undefined,
    },
  };
}

beforeEach(() => {
  fakeBrowser.reset();
  db = freshDb();
  notified = [];
});
afterEach(async () => {
  await db.delete();
});

/** One campaign's reading of a single day. */
function day(d: string, metrics: Metrics, id = '1') {
  return {
    type: 'snapshot:submit' as const,
    readingId: `r-${d}-${id}`,
    reading: reading([row(id, metrics)], { dateStart: d, dateEnd: d }),
  };
}

async function history(days: number, metrics: Metrics, settings?: Settings) {
  for (let i = days; i >= 1; i--) {
    const reply = await handleMessage(
      day(shiftDay(TODAY, -i), metrics),
      metaTab,
      deps(settings, NOW - i * 86_400_000),
    );
    expect(reply).toMatchObject({ ok: true });
  }
  notified = [];
}

describe('risk flags from the worker', () => {
  it('flags a campaign that spent every day and spends nothing today, with the numbers, and notifies once', async () => {
    await history(7, { spend: 100, clicks: 50, impressions: 5000, conversions: 4 });
    const reply = await handleMessage(
      day(TODAY, { spend: 0, clicks: 0, impressions: 0, conversions: 0 }),
      metaTab,
      deps(),
    );
    expect(reply).toMatchObject({ ok: true });
    const risks = (reply as { risks?: unknown }).risks;
    expect(risks).toEqual([
      {
        entityKey: '1',
        currency: 'USD',
        flags: [
          {
            rule: 'spend-stopped',
            day: TODAY,
            numbers: { value: 0, baseline: 100, days: 7, baselineKind: 'recent' },
          },
        ],
      },
    ]);
    expect(notified).toEqual([
      {
        id: expect.stringMatching(/^kpi-lens-risk:2026-11-26:/),
        title: 'Risk: Campaign 1',
        message:
          'Spend stopped: No spend today after spending on each of the 7 days before ($100.00 a day on average).',
      },
    ]);
    // The popup finds them without judging the history again.
    expect(
      (await loadRisks()).map((t) => [t.accountId, t.entities.map((e) => [e.entityName, e.flags[0]!.rule])]),
    ).toEqual([['1234567890', [['Campaign 1', 'spend-stopped']]]]);
    // Read again the same day: still flagged, not notified again.
    notified = [];
    const again = await handleMessage(
      { ...day(TODAY, { spend: 0, clicks: 0, impressions: 0, conversions: 0 }), readingId: 'r-again' },
      metaTab,
      deps(DEFAULT_SETTINGS, NOW + 60_000),
    );
    expect((again as { risks?: unknown[] }).risks).toHaveLength(1);
    expect(notified).toEqual([]);
  });

  it('spend without results is judged against the CPA target the chips use', async () => {
    await saveTarget(db, { id: 'cpa', scope: { kind: 'all' }, kpi: 'cpa', value: 20 });
    const reply = await handleMessage(
      {
        type: 'snapshot:submit',
        readingId: 'month',
        reading: reading([row('9', { spend: 45, conversions: 0 })]),
      },
      metaTab,
      deps(),
    );
    expect((reply as { risks?: unknown }).risks).toEqual([
      {
        entityKey: '9',
        currency: 'USD',
        flags: [
          { rule: 'no-results', day: TODAY, numbers: { value: 45, kpi: 'cpa', target: 20, multiple: 2 } },
        ],
      },
    ]);
    expect(notified.map((n) => n.message)).toEqual([
      'Spend without results: Spent $45.00 with 0 conversions: at least 2 × the CPA target of $20.00.',
    ]);
  });

  it('is quiet when risk flags are off, and never notifies when notifications are off', async () => {
    await history(7, { spend: 100 });
    const off = { ...DEFAULT_SETTINGS, risk: { ...DEFAULT_SETTINGS.risk, enabled: false } };
    const quiet = await handleMessage(day(TODAY, { spend: 0 }), metaTab, deps(off));
    expect((quiet as { risks?: unknown[] }).risks).toEqual([]);
    const silent = { ...DEFAULT_SETTINGS, alerts: { ...DEFAULT_SETTINGS.alerts, notify: false } };
    const flagged = await handleMessage(
      { ...day(TODAY, { spend: 0 }), readingId: 'x' },
      metaTab,
      deps(silent),
    );
    expect((flagged as { risks?: unknown[] }).risks).toHaveLength(1);
    expect(notified).toEqual([]);
  });

  it('"spend stopped" waits for the second half of the day, in the account’s own zone', async () => {
    await history(7, { spend: 100 });
    // 09:00 UTC: morning in UTC, too early to call a 0 a stop…
    const morning = Date.UTC(2026, 10, 26, 9);
    const early = await handleMessage(day(TODAY, { spend: 0 }), metaTab, deps(DEFAULT_SETTINGS, morning));
    expect((early as { risks?: unknown[] }).risks).toEqual([]);
    // …but 16:00 for an account in Ho Chi Minh City (UTC+7), the same calendar day there.
    const hcm = { ...DEFAULT_SETTINGS, accountTimeZones: { 'meta:1234567890': 'Asia/Ho_Chi_Minh' } };
    const later = await handleMessage(
      { ...day(TODAY, { spend: 0 }), readingId: 'hcm' },
      metaTab,
      deps(hcm, morning),
    );
    expect(
      (later as { risks?: { flags: { rule: string }[] }[] }).risks?.[0]?.flags.map((f) => f.rule),
    ).toEqual(['spend-stopped']);
  });
});
