import type { TablePickerDeps } from '@/lib/background/table-picker';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage, type HandlerDeps } from '@/lib/background/handler';
import {
  PROTOCOL,
  replySchemaOf,
  responseSchema,
  type Request,
  type RequestType,
  type SenderInfo,
} from '@/lib/messages';
import { DEFAULT_SETTINGS, loadSettings } from '@/lib/store/settings';
import type { KpiLensDb } from '@/lib/store/db';
import { loadStatus } from '@/lib/store/status';
import { saveTarget } from '@/lib/store/targets';
import { freshDb, reading, row } from '../store/make';
import { platformForUrl } from '@/lib/platforms/registry';
import { loadMappings } from '@/lib/mapping/store';
import { mappingOf, PAGE_URLS } from '../mapping/pages';

const EXT = 'kpilensextensionid';
const BASE = `chrome-extension://${EXT}/`;
const META_URL = 'https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=1234567890';
const NOW = Date.UTC(2026, 10, 22, 10);

const metaTab: SenderInfo = { id: EXT, url: META_URL, tab: { id: 7, url: META_URL } };
const TRACKER_URL = 'https://tracker.example.net/reports/campaigns';
const trackerTab: SenderInfo = { id: EXT, url: TRACKER_URL, tab: { id: 12, url: TRACKER_URL } };
const MICROSOFT_URL = 'https://ui.ads.microsoft.com/campaign/vnext/campaigns?aid=1&cid=2';
const microsoftTab: SenderInfo = { id: EXT, url: MICROSOFT_URL, tab: { id: 14, url: MICROSOFT_URL } };
const popup: SenderInfo = { id: EXT, url: `${BASE}popup.html` };
const optionsTab: SenderInfo = {
  id: EXT,
  url: `${BASE}options.html`,
  tab: { id: 9, url: `${BASE}options.html` },
};

let db: KpiLensDb;
function deps(extra: Partial<HandlerDeps> = {}): HandlerDeps {
  return {
    db,
    extensionId: EXT,
    extensionBaseUrl: BASE,
    platformForUrl,
    now: () => NOW,
    timeZone: 'UTC',
    // Unknown and malformed messages are logged; the tests that look at it pass their own.
    warn: () => undefined,
    locale: 'en-US',
    ...extra,
  };
}
beforeEach(() => {
  fakeBrowser.reset();
  db = freshDb();
});
afterEach(async () => {
  await db.delete();
});

function submit(rows = [row('1', { spend: 100, conversions: 5 })]): Request {
  return { type: 'snapshot:submit', readingId: 'r-1', reading: reading(rows) };
}

describe('message validation', () => {
  it('rejects a bad payload with a clear error naming the field', async () => {
    const bad = { type: 'snapshot:submit', readingId: 'x', reading: { ...reading([]), rows: 'nope' } };
    const response = await handleMessage(bad, metaTab, deps());
    expect(response).toEqual({
      ok: false,
      code: 'invalid-message',
      error: expect.stringMatching(/^Rejected message: invalid payload at reading\.rows/),
    });
    expect(await handleMessage({ type: 'delete-everything' }, popup, deps())).toEqual({
      ok: false,
      code: 'unknown-message',
      error: 'Rejected message: unknown message type "delete-everything".',
    });
    expect(await handleMessage(null, popup, deps())).toMatchObject({ ok: false, code: 'invalid-message' });
    expect(await db.snapshots.count()).toBe(0);
  });

  it('rejects a non-finite number in a reading', async () => {
    const bad = submit([row('1', { spend: Number.POSITIVE_INFINITY })]);
    expect(await handleMessage(bad, metaTab, deps())).toMatchObject({ ok: false, error: /metrics\.spend/ });
  });

  it('rejects messages from another extension', async () => {
    expect(await handleMessage(submit(), { ...metaTab, id: 'someone-else' }, deps())).toEqual({
      ok: false,
      code: 'rejected',
      error: 'Rejected message: sender is not this extension.',
    });
    expect(await handleMessage({ type: 'status:get' }, { ...popup, id: undefined }, deps())).toMatchObject({
      ok: false,
    });
  });

  it('accepts readings only from a supported ad-manager tab of the same platform', async () => {
    const elsewhere: SenderInfo = {
      id: EXT,
      url: 'https://example.com/',
      tab: { id: 1, url: 'https://example.com/' },
    };
    expect(await handleMessage(submit(), elsewhere, deps())).toMatchObject({
      ok: false,
      error: expect.stringMatching(/only from supported ad-manager pages/),
    });
    // The extension's own pages do not submit readings either.
    expect(await handleMessage(submit(), popup, deps())).toMatchObject({ ok: false });
    expect(await handleMessage(submit(), optionsTab, deps())).toMatchObject({ ok: false });
    const googleReading: Request = {
      type: 'snapshot:submit',
      readingId: 'g',
      reading: reading([], { platform: 'google' }),
    };
    expect(await handleMessage(googleReading, metaTab, deps())).toMatchObject({
      ok: false,
      error: 'Rejected message: a google reading from a meta page.',
    });
    expect(await db.snapshots.count()).toBe(0);
  });

  it('page messages come only from the extension’s own pages (or, for the overlay’s needs, supported tabs)', async () => {
    const elsewhere: SenderInfo = {
      id: EXT,
      url: 'https://example.com/',
      tab: { id: 1, url: 'https://example.com/' },
    };
    expect(await handleMessage({ type: 'status:get' }, elsewhere, deps())).toMatchObject({ ok: false });
    expect(await handleMessage({ type: 'status:get' }, popup, deps())).toMatchObject({
      ok: true,
      type: 'status:get',
    });
    expect(await handleMessage({ type: 'status:get' }, metaTab, deps())).toMatchObject({ ok: true });
    // Maintenance: extension pages only, never a content script.
    expect(await handleMessage({ type: 'maintenance:run' }, metaTab, deps())).toMatchObject({
      ok: false,
      error: expect.stringMatching(/only the extension/),
    });
    expect(await handleMessage({ type: 'maintenance:run' }, optionsTab, deps())).toMatchObject({
      ok: true,
      type: 'maintenance:run',
    });
    // A page that only pretends: an extension URL in `url` but a web page in its tab.
    const spoof: SenderInfo = {
      id: EXT,
      url: `${BASE}popup.html`,
      tab: { id: 1, url: 'https://example.com/' },
    };
    expect(await handleMessage({ type: 'maintenance:run' }, spoof, deps())).toMatchObject({ ok: false });
  });
});

describe('snapshot:submit', () => {
  it('stores the reading, records the save for the popup and answers with the off-track count', async () => {
    await saveTarget(db, {
      id: 'cpa',
      scope: { kind: 'account', platform: 'meta', accountId: '1234567890' },
      kpi: 'cpa',
      value: 20,
      currency: 'USD',
    });
    const response = await handleMessage(
      submit([
        row('1', { spend: 100, conversions: 5 }),
        row('2', { spend: 150, conversions: 5 }),
        row('3', { spend: 10 }),
      ]),
      metaTab,
      deps(),
    );
    expect(responseSchema.safeParse(response).success).toBe(true);
    if (!response.ok || response.type !== 'snapshot:submit') throw new Error(JSON.stringify(response));
    expect(response).toMatchObject({
      stored: 3,
      unchanged: 0,
      notStoredReason: null,
      offTrack: 1,
      evaluationError: null,
    });
    // Row 2 (CPA 30) is off its target of 20; row 1 (CPA 20) is on it; row 3 has no conversions, so its CPA
    // is unknown, never 0, and not counted. The chips are judged by the overlay itself: no rows come back.
    expect(response).not.toHaveProperty('evaluated');
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('1');
    expect(await loadStatus()).toMatchObject({ lastSavedAt: NOW, lastStored: 3, lastError: null });
  });

  it('a re-read whose numbers did not change stores nothing and is still answered', async () => {
    await handleMessage(submit(), metaTab, deps());
    const again = await handleMessage(submit(), metaTab, deps({ now: () => NOW + 1000 }));
    expect(again).toMatchObject({ ok: true, stored: 0, unchanged: 1 });
    expect(await db.snapshots.count()).toBe(1);
  });

  it('a reading that cannot be stored (no account on the page) is still judged for the badge', async () => {
    await saveTarget(db, { id: 'cpc', scope: { kind: 'all' }, kpi: 'cpc', value: 1 });
    const message: Request = {
      type: 'snapshot:submit',
      readingId: 'n',
      reading: reading([row('1', { spend: 50, clicks: 25 })], { accountId: null }),
    };
    const response = await handleMessage(message, metaTab, deps());
    expect(response).toMatchObject({
      ok: true,
      stored: 0,
      notStoredReason: expect.stringMatching(/account/),
    });
    if (!response.ok || response.type !== 'snapshot:submit') throw new Error('unexpected');
    // CPC 2 against a target of at most 1.
    expect(response.offTrack).toBe(1);
    expect((await loadStatus()).lastSavedAt).toBeNull();
  });

  it('the badge counts what the chips show: a campaign’s own budget on its row, never an account’s per row (#16.1)', async () => {
    // Nov 1–21 read on Nov 22: 21 of 30 days elapsed, so 300 a month expects 210 by now; 500 is far over.
    const budget = (scope: object, id: string) =>
      saveTarget(db, { id, scope: scope as never, kpi: 'budget', value: 300, period: 'month' });
    await budget({ kind: 'account', platform: 'meta', accountId: '1234567890' }, 'account-budget');
    const rows = [row('1', { spend: 500 }), row('2', { spend: 400 })];
    const first = await handleMessage(submit(rows), metaTab, deps());
    expect(first).toMatchObject({ ok: true, offTrack: 0 });
    await budget(
      { kind: 'campaign', platform: 'meta', accountId: '1234567890', entityKey: '1' },
      'own-budget',
    );
    const second = await handleMessage(submit(rows), metaTab, deps());
    expect(second).toMatchObject({ ok: true, offTrack: 1 });
  });

  it('the account’s currency setting counts for the badge: a confirmed USD meets a EUR target, an assumed one not', async () => {
    await saveTarget(db, { id: 'cpa', scope: { kind: 'all' }, kpi: 'cpa', value: 18, currency: 'EUR' });
    // CPA 150 ÷ 5 = 30 USD; 18 EUR = 19.80 USD: off track, once the currency is known to be USD.
    const message: Request = {
      type: 'snapshot:submit',
      readingId: 'c',
      reading: reading([row('1', { spend: 150, conversions: 5 })], {
        currency: 'USD',
        currencySource: 'assumed',
      }),
    };
    const base = { ...DEFAULT_SETTINGS, reportingCurrency: 'USD', fxRates: { EUR: 1.1 } };
    const assumed = await handleMessage(message, metaTab, deps({ loadSettings: async () => base }));
    expect(assumed).toMatchObject({ ok: true, offTrack: 0 });
    const confirmed = { ...base, accountCurrencies: { 'meta:1234567890': 'USD' } };
    const set = await handleMessage(message, metaTab, deps({ loadSettings: async () => confirmed }));
    expect(set).toMatchObject({ ok: true, offTrack: 1 });
  });

  it('clears the badge when the user turned it off', async () => {
    await saveTarget(db, { id: 'cpa', scope: { kind: 'all' }, kpi: 'cpa', value: 1 });
    await handleMessage(submit(), metaTab, deps());
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('1');
    const settings = (await import('@/lib/store/settings')).DEFAULT_SETTINGS;
    await handleMessage(
      submit([row('1', { spend: 101, conversions: 5 })]),
      metaTab,
      deps({ loadSettings: async () => ({ ...settings, alerts: { notify: true, badge: false } }) }),
    );
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('');
  });
});

describe('typed replies', () => {
  /** A well-formed request of every type, and a sender it is accepted from. */
  const accepted: { [T in RequestType]: [Request & { type: T }, SenderInfo] } = {
    'snapshot:submit': [submit() as Request & { type: 'snapshot:submit' }, metaTab],
    ping: [{ type: 'ping' }, popup],
    'targets:list': [{ type: 'targets:list' }, metaTab],
    'options:open': [{ type: 'options:open' }, metaTab],
    'status:get': [{ type: 'status:get' }, popup],
    'maintenance:run': [{ type: 'maintenance:run' }, optionsTab],
    'account-currency:set': [
      { type: 'account-currency:set', platform: 'meta', accountId: '1234567890', currency: 'USD' },
      metaTab,
    ],
    'account-currency:dismiss': [
      { type: 'account-currency:dismiss', platform: 'meta', accountId: '1234567890' },
      metaTab,
    ],
    'compare:get': [
      {
        type: 'compare:get',
        platform: 'meta',
        accountId: '1234567890',
        level: 'campaign',
        dateStart: '2026-11-01',
        dateEnd: '2026-11-21',
      },
      metaTab,
    ],
    'target:save': [
      {
        type: 'target:save',
        target: {
          id: 'from-a-chip',
          scope: { kind: 'account', platform: 'meta', accountId: '1234567890' },
          kpi: 'cpa',
          direction: 'atMost',
          value: 20,
          currency: 'USD',
          period: null,
          tolerance: 0.1,
          muted: false,
        },
      },
      metaTab,
    ],
    'table-picker:start': [{ type: 'table-picker:start', tabId: 12 }, popup],
    'mapping:save': [{ type: 'mapping:save', mapping: mappingOf('plain-table-en') }, trackerTab],
    'mapping:for-page': [{ type: 'mapping:for-page' }, trackerTab],
    'table-picker:here': [{ type: 'table-picker:here' }, microsoftTab],
  };
  const tablePicker: TablePickerDeps = {
    tabUrl: async () => 'https://tracker.example.net/reports/campaigns',
    hasOriginPermission: async () => true,
    platformForUrl,
    inject: async () => {},
  };

  it.each(Object.keys(PROTOCOL) as RequestType[])(
    '%s is answered with a reply that parses as its own type’s',
    async (type) => {
      const [request, sender] = accepted[type];
      const reply = await handleMessage(
        request,
        sender,
        deps({ openOptions: async () => {}, tablePicker, isPreview: (p) => p === 'microsoft' }),
      );
      expect(reply, JSON.stringify(reply)).toMatchObject({ ok: true, type });
      expect(replySchemaOf(type).parse(reply)).toEqual(reply);
      // …and as no other type's.
      for (const other of Object.keys(PROTOCOL) as RequestType[])
        if (other !== type) expect(replySchemaOf(other).safeParse(reply).success, other).toBe(false);
    },
  );

  it.each(Object.keys(PROTOCOL) as RequestType[])(
    '%s refused to a sender it may not come from is a typed `rejected` error',
    async (type) => {
      const [request] = accepted[type];
      const elsewhere: SenderInfo = { id: EXT, url: 'https://example.com/' };
      const reply = await handleMessage(request, elsewhere, deps({ tablePicker }));
      expect(reply).toMatchObject({ ok: false, code: 'rejected' });
      expect(replySchemaOf(type).parse(reply)).toEqual(reply);
    },
  );

  it('an unknown or malformed message gets a typed error, is logged once, and changes nothing', async () => {
    await handleMessage(submit(), metaTab, deps());
    await fakeBrowser.action.setBadgeText({ tabId: 7, text: '3' });
    const before = {
      snapshots: await db.snapshots.toArray(),
      settings: await loadSettings(),
      status: await loadStatus(),
    };
    const warn = vi.fn();
    const bad: [unknown, string][] = [
      [{ type: 'delete-everything' }, 'unknown-message'],
      [{ type: 'delete-everything' }, 'unknown-message'],
      [{ type: '__proto__' }, 'unknown-message'],
      [{ type: 'snapshot:submit', readingId: 'x', reading: { rows: 'nope' } }, 'invalid-message'],
      [{ type: 'snapshot:submit', readingId: 'x', reading: { rows: 'nope' } }, 'invalid-message'],
      [
        { type: 'account-currency:set', platform: 'meta', accountId: '1234567890', currency: 'usd' },
        'invalid-message',
      ],
      [{ type: 'maintenance:run', extra: true, then: 1 }, ''],
      [null, 'invalid-message'],
      ['ping', 'invalid-message'],
    ];
    for (const [raw, code] of bad) {
      const reply = await handleMessage(raw, metaTab, deps({ warn }));
      // A known type with unknown extra fields is parsed as that type (extras dropped): here refused to a page.
      expect(reply).toMatchObject({ ok: false, code: code || 'rejected' });
      expect(responseSchema.safeParse(reply).success).toBe(true);
    }
    // Logged once per distinct message: the two repeats and the refused one (not malformed) add nothing.
    expect(warn.mock.calls.map(([m]) => m as string)).toEqual([
      'Rejected message: unknown message type "delete-everything".',
      'Rejected message: unknown message type "__proto__".',
      expect.stringMatching(/^Rejected message: invalid payload at reading\.context: /),
      expect.stringMatching(/^Rejected message: invalid payload at currency: /),
      'Rejected message: invalid payload at type: expected a message type.',
    ]);
    expect(await db.snapshots.toArray()).toEqual(before.snapshots);
    expect(await loadSettings()).toEqual(before.settings);
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    expect(await loadStatus()).toEqual(before.status);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('3');
  });
});

describe('mapping:save', () => {
  const granted = (yes: boolean): TablePickerDeps => ({
    tabUrl: async () => undefined,
    hasOriginPermission: async () => yes,
    platformForUrl,
    inject: async () => {},
  });
  const request = { type: 'mapping:save', mapping: mappingOf('plain-table-en') } as const;

  it('stores the mapping sent from a granted tab of its own origin; the options list reads it back', async () => {
    expect(new URL(PAGE_URLS['plain-table-en']).origin).toBe(request.mapping.origin);
    const reply = await handleMessage(request, trackerTab, deps({ tablePicker: granted(true) }));
    expect(reply).toEqual({ ok: true, type: 'mapping:save', id: request.mapping.id });
    expect(await loadMappings()).toEqual([request.mapping]);
  });

  it('refuses a tab of another site, a site not granted, and the extension pages; nothing is stored', async () => {
    const other = 'https://evil.example.com/reports/campaigns';
    const senders: [SenderInfo, boolean][] = [
      [{ id: EXT, url: other, tab: { id: 13, url: other } }, true],
      [trackerTab, false],
      [popup, true],
      [optionsTab, true],
    ];
    for (const [sender, yes] of senders) {
      const reply = await handleMessage(request, sender, deps({ tablePicker: granted(yes) }));
      expect(reply).toMatchObject({ ok: false, code: 'rejected' });
    }
    expect(await loadMappings()).toEqual([]);
  });
});

describe('mapped pages (#15.4)', () => {
  const mapping = mappingOf('plain-table-en');
  /** The worker's view: this mapping is stored, and its site allowed while `allowed` says so. */
  function mapped(allowed: { yes: boolean }, saved: number[] = []): HandlerDeps['mapped'] {
    return {
      mappingFor: async (url) => (allowed.yes && url.origin === mapping.origin ? mapping : null),
      saved: async (tabId) => {
        saved.push(tabId);
      },
    };
  }
  const generic = () => {
    const request = submit() as Request & { type: 'snapshot:submit' };
    return {
      ...request,
      reading: { ...request.reading, context: { ...request.reading.context, platform: 'generic' as const } },
    };
  };

  it('answers a page with its own mapping while its site is allowed, else null', async () => {
    const allowed = { yes: true };
    const ask = () =>
      handleMessage({ type: 'mapping:for-page' }, trackerTab, deps({ mapped: mapped(allowed) }));
    expect(await ask()).toEqual({ ok: true, type: 'mapping:for-page', mapping });
    allowed.yes = false;
    expect(await ask()).toEqual({ ok: true, type: 'mapping:for-page', mapping: null });
    const fromPopup = await handleMessage(
      { type: 'mapping:for-page' },
      popup,
      deps({ mapped: mapped({ yes: true }) }),
    );
    expect(fromPopup).toMatchObject({ ok: false, code: 'rejected' });
  });

  it('stores a generic reading from a mapped, allowed page; refuses it once the site is no longer allowed', async () => {
    const allowed = { yes: true };
    const accepted = await handleMessage(generic(), trackerTab, deps({ mapped: mapped(allowed) }));
    expect(accepted).toMatchObject({ ok: true, type: 'snapshot:submit', stored: 1 });
    expect((await db.snapshots.toArray()).map((s) => s.platform)).toEqual(['generic']);
    allowed.yes = false;
    const refused = await handleMessage(generic(), trackerTab, deps({ mapped: mapped(allowed) }));
    expect(refused).toMatchObject({ ok: false, code: 'rejected' });
    // An ad manager's reading sent from a mapped page is not its platform's either.
    const meta = await handleMessage(submit(), trackerTab, deps({ mapped: mapped({ yes: true }) }));
    expect(meta).toMatchObject({ ok: false, code: 'rejected' });
    expect(await db.snapshots.count()).toBe(1);
  });

  it('after a mapping is saved from a tab, starts the reader there (a reader failure does not undo the save)', async () => {
    const saved: number[] = [];
    const tablePicker: TablePickerDeps = {
      tabUrl: async () => undefined,
      hasOriginPermission: async () => true,
      platformForUrl,
      inject: async () => {},
    };
    const request = { type: 'mapping:save', mapping } as const;
    await handleMessage(request, trackerTab, deps({ tablePicker, mapped: mapped({ yes: true }, saved) }));
    expect(saved).toEqual([12]);
    const warn = vi.fn();
    const failing = { mappingFor: async () => null, saved: async () => Promise.reject(new Error('no tab')) };
    const reply = await handleMessage(request, trackerTab, deps({ tablePicker, mapped: failing, warn }));
    expect(reply).toEqual({ ok: true, type: 'mapping:save', id: mapping.id });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('no tab'));
  });

  it('“Map this table” starts the picker only in a preview ad manager’s own tab; once mapped, the page is generic', async () => {
    const injected: number[] = [];
    const tablePicker: TablePickerDeps = {
      tabUrl: async () => MICROSOFT_URL,
      hasOriginPermission: async () => true,
      platformForUrl,
      inject: async (tabId) => {
        injected.push(tabId);
      },
    };
    const isPreview = (p: string) => p === 'microsoft';
    const here = { type: 'table-picker:here' } as const;
    expect(await handleMessage(here, microsoftTab, deps({ tablePicker, isPreview }))).toEqual({
      ok: true,
      type: 'table-picker:here',
    });
    expect(injected).toEqual([14]);
    for (const sender of [metaTab, popup, trackerTab])
      expect(await handleMessage(here, sender, deps({ tablePicker, isPreview }))).toMatchObject({
        ok: false,
        code: 'rejected',
      });
    expect(injected).toEqual([14]);

    // The user mapped the Microsoft page: its readings are the mapping's (generic), not the preview reader's.
    const msMapping = { ...mapping, origin: 'https://ui.ads.microsoft.com', pathPattern: '/campaign/*' };
    const mappedMs: HandlerDeps['mapped'] = {
      mappingFor: async (url) => (url.origin === msMapping.origin ? msMapping : null),
      saved: async () => {},
    };
    const ms = submit() as Request & { type: 'snapshot:submit' };
    const asMicrosoft = {
      ...ms,
      reading: { ...ms.reading, context: { ...ms.reading.context, platform: 'microsoft' as const } },
    };
    expect(await handleMessage(asMicrosoft, microsoftTab, deps({ mapped: mappedMs }))).toMatchObject({
      ok: false,
      code: 'rejected',
    });
    expect(await handleMessage(generic(), microsoftTab, deps({ mapped: mappedMs }))).toMatchObject({
      ok: true,
    });
  });
});
