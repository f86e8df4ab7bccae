import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage, type HandlerDeps } from '@/lib/background/handler';
import { csvParts } from '@/lib/export/csv';
import { responseSchema, type Request, type SenderInfo } from '@/lib/messages';
import type { KpiLensDb } from '@/lib/store/db';
import { DEFAULT_SETTINGS, loadSettings, saveSettings } from '@/lib/store/settings';
import { freshDb, reading, row } from '../store/make';
import { platformForUrl } from '@/lib/platforms/registry';

/**
 * The panel's currency question, answered through the worker: the answer becomes the account's currency
 * setting (or "don't ask again"), from a supported page of the account's platform only, and the CSV of
 * the account's stored rows says `account` from then on.
 */

const EXT = 'kpilensextensionid';
const BASE = `chrome-extension://${EXT}/`;
const META_URL = 'https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=1234567890';
const NOW = Date.UTC(2026, 10, 22, 10);
const KEY = 'meta:1234567890';

const metaTab: SenderInfo = { id: EXT, url: META_URL, tab: { id: 7, url: META_URL } };
const popup: SenderInfo = { id: EXT, url: `${BASE}popup.html` };
const optionsTab: SenderInfo = {
  id: EXT,
  url: `${BASE}options.html`,
  tab: { id: 9, url: `${BASE}options.html` },
};
const elsewhere: SenderInfo = {
  id: EXT,
  url: 'https://example.com/',
  tab: { id: 1, url: 'https://example.com/' },
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

const set = (currency: string, platform: 'meta' | 'google' = 'meta'): Request => ({
  type: 'account-currency:set',
  platform,
  accountId: '1234567890',
  currency,
});
const dismiss: Request = { type: 'account-currency:dismiss', platform: 'meta', accountId: '1234567890' };

/** The exported CSV as the options page writes it: the stored rows with the settings' account currencies. */
async function exportedCsv(): Promise<Record<string, string>[]> {
  const { accountCurrencies } = await loadSettings();
  let text = '';
  for await (const part of csvParts(db, {}, { accountCurrencies, yieldToEventLoop: async () => {} }))
    text += part;
  return Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true }).data;
}

async function storeAssumedUsd(): Promise<void> {
  const assumed: Request = {
    type: 'snapshot:submit',
    readingId: 'r-1',
    reading: reading([row('1', { spend: 100, conversions: 5 }), row('2', { spend: 50 })], {
      currency: 'USD',
      currencySource: 'assumed',
    }),
  };
  expect(await handleMessage(assumed, metaTab, deps())).toMatchObject({ ok: true, stored: 2 });
}

describe('account-currency:set and :dismiss', () => {
  it('confirming the assumed USD makes it the account setting, and the stored rows export as USD account', async () => {
    await storeAssumedUsd();
    expect((await exportedCsv()).map((r) => [r.currency, r.currency_source])).toEqual([
      ['USD', 'assumed'],
      ['USD', 'assumed'],
    ]);
    const response = await handleMessage(set('USD'), metaTab, deps());
    expect(responseSchema.safeParse(response).success).toBe(true);
    expect(response).toEqual({ ok: true, type: 'account-currency:set', currency: 'USD' });
    expect((await loadSettings()).accountCurrencies).toEqual({ [KEY]: 'USD' });
    expect((await exportedCsv()).map((r) => [r.account_id, r.currency, r.currency_source])).toEqual([
      ['1234567890', 'USD', 'account'],
      ['1234567890', 'USD', 'account'],
    ]);
  });

  it('choosing another currency (CAD) applies it to the rows stored as assumed USD', async () => {
    await storeAssumedUsd();
    expect(await handleMessage(set('CAD'), metaTab, deps())).toMatchObject({ ok: true, currency: 'CAD' });
    expect((await exportedCsv()).map((r) => [r.currency, r.currency_source])).toEqual([
      ['CAD', 'account'],
      ['CAD', 'account'],
    ]);
  });

  it('keeps every other setting and other accounts’ currencies', async () => {
    await saveSettings({
      ...DEFAULT_SETTINGS,
      margin: 0.3,
      accountCurrencies: { 'google:55': 'EUR' },
      currencyPromptDismissed: { 'meta:9': 5 },
    });
    await handleMessage(set('USD'), metaTab, deps());
    const settings = await loadSettings();
    expect(settings.margin).toBe(0.3);
    expect(settings.accountCurrencies).toEqual({ 'google:55': 'EUR', [KEY]: 'USD' });
    expect(settings.currencyPromptDismissed).toEqual({ 'meta:9': 5 });
  });

  it('"don’t ask again" is remembered per account, and sets no currency', async () => {
    expect(await handleMessage(dismiss, metaTab, deps())).toEqual({
      ok: true,
      type: 'account-currency:dismiss',
    });
    const settings = await loadSettings();
    expect(settings.currencyPromptDismissed).toEqual({ [KEY]: NOW });
    expect(settings.accountCurrencies).toEqual({});
  });

  it('is accepted only from a supported page of the account’s platform, and changes nothing otherwise', async () => {
    for (const sender of [popup, optionsTab, elsewhere])
      expect(await handleMessage(set('USD'), sender, deps())).toEqual({
        ok: false,
        code: 'rejected',
        error:
          'Rejected message: account currencies are answered only from a supported page of that platform.',
      });
    // A Meta page does not answer for a Google account.
    expect(await handleMessage(set('USD', 'google'), metaTab, deps())).toMatchObject({ ok: false });
    expect(await handleMessage(set('USD'), { ...metaTab, id: 'another-extension' }, deps())).toMatchObject({
      ok: false,
    });
    expect(await handleMessage({ ...dismiss }, popup, deps())).toMatchObject({ ok: false });
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('a malformed answer (not an ISO code, no account) is rejected and changes nothing', async () => {
    const bad = [
      { ...set('usd') },
      { ...set('US') },
      { type: 'account-currency:set', platform: 'meta', accountId: '', currency: 'USD' },
      { type: 'account-currency:set', platform: 'bing', accountId: '1', currency: 'USD' },
      { type: 'account-currency:dismiss', platform: 'meta' },
    ];
    for (const message of bad)
      expect(await handleMessage(message, metaTab, deps())).toMatchObject({
        ok: false,
        code: 'invalid-message',
        error: expect.stringMatching(/invalid payload/),
      });
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('a settings write that fails is answered with the reason (the panel shows it)', async () => {
    const failing = deps({
      updateSettings: async () => {
        throw new Error('storage is full');
      },
    });
    expect(await handleMessage(set('USD'), metaTab, failing)).toEqual({
      ok: false,
      code: 'failed',
      error: 'The setting could not be saved: storage is full',
    });
  });
});
