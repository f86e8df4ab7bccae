import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage, type HandlerDeps } from '@/lib/background/handler';
import { responseSchema, type Request, type SenderInfo } from '@/lib/messages';
import type { KpiLensDb } from '@/lib/store/db';
import { loadStatus } from '@/lib/store/status';
import { saveTarget } from '@/lib/store/targets';
import { freshDb, reading, row } from '../store/make';

const EXT = 'kpilensextensionid';
const BASE = `chrome-extension://${EXT}/`;
const META_URL = 'https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=1234567890';
const NOW = Date.UTC(2026, 10, 22, 10);

const metaTab: SenderInfo = { id: EXT, url: META_URL, tab: { id: 7, url: META_URL } };
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
    now: () => NOW,
    timeZone: 'UTC',
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
      error: expect.stringMatching(/^Rejected message: invalid payload at reading\.rows/),
    });
    expect(await handleMessage({ type: 'delete-everything' }, popup, deps())).toMatchObject({
      ok: false,
      error: expect.stringMatching(/invalid payload/),
    });
    expect(await handleMessage(null, popup, deps())).toMatchObject({ ok: false });
    expect(await db.snapshots.count()).toBe(0);
  });

  it('rejects a non-finite number in a reading', async () => {
    const bad = submit([row('1', { spend: Number.POSITIVE_INFINITY })]);
    expect(await handleMessage(bad, metaTab, deps())).toMatchObject({ ok: false, error: /metrics\.spend/ });
  });

  it('rejects messages from another extension', async () => {
    expect(await handleMessage(submit(), { ...metaTab, id: 'someone-else' }, deps())).toEqual({
      ok: false,
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
