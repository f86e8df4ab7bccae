import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  expectNoOutsideRequests,
  launchExtensionBrowser,
  openExtensionPage,
  readStore,
  screenshot,
  waitFor,
  type ExtensionBrowser,
} from './harness';

/** The extension's own API inside its pages (evaluated in the popup, not in Node). */
declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

const META_URL =
  'https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=1234567890123&date=2026-11-01_2026-11-22%2Cthis_month';
const META_PAGE = readFileSync('test/e2e/pages/meta-campaigns-minimal.html', 'utf8');

describe('a reading travels from a Meta page to the popup', () => {
  let ext: ExtensionBrowser;
  beforeEach(async () => {
    ext = await launchExtensionBrowser();
  });
  afterEach(async () => {
    await ext.close();
  });

  it('stores the rows read at the real URL and lists them in the popup, with no outside request', async () => {
    ext.serve(META_URL, META_PAGE);
    const page = await ext.context.newPage();
    await page.goto(META_URL);

    const stored = await waitFor(
      () => readStore<{ entityId: string; metrics: { spend?: number }; dateEnd: string }>(ext, 'snapshots'),
      (rows) => rows.length >= 2,
    );
    expect(stored.map((r) => [r.entityId, r.metrics.spend, r.dateEnd]).sort()).toEqual([
      ['120200000000000001', 1684.51, '2026-11-21'],
      ['120200000000000002', 240, '2026-11-21'],
    ]);

    const popup = await openExtensionPage(ext, 'popup.html');
    await expect.poll(() => popup.getByRole('row').count()).toBe(3);
    await expect.poll(() => popup.getByText('Spring Sale | US | ABO').isVisible()).toBe(true);
    await screenshot(popup, 'skeleton-popup');
    expectNoOutsideRequests(ext);
  });

  it('rejects a message with a bad payload and one from an unexpected sender', async () => {
    const popup = await openExtensionPage(ext, 'popup.html');
    const bad = await popup.evaluate(() =>
      chrome.runtime.sendMessage({ type: 'snapshot:submit', reading: 42 }),
    );
    expect(bad).toMatchObject({
      ok: false,
      error: expect.stringMatching(/invalid payload at readingId|invalid payload/),
    });
    // A well-formed reading from an extension page (not a supported ad-manager tab) is refused.
    const reading = {
      context: {
        platform: 'meta',
        accountId: '1',
        accountName: null,
        level: 'campaign',
        dateStart: null,
        dateEnd: null,
        currency: null,
        currencySource: null,
        uiLocale: null,
      },
      rows: [],
      health: { status: 'recognised' },
      coverage: { read: 0, total: null },
    };
    const wrongSender = await popup.evaluate(
      (r) => chrome.runtime.sendMessage({ type: 'snapshot:submit', readingId: 'x', reading: r }),
      reading,
    );
    expect(wrongSender).toMatchObject({
      ok: false,
      error: expect.stringMatching(/only from supported ad-manager pages/),
    });
    expectNoOutsideRequests(ext);
  });
});

describe('the no-network guard', () => {
  it('sees a request from the service worker and from an extension page', async () => {
    const ext = await launchExtensionBrowser();
    try {
      await ext.worker().evaluate(() => fetch('https://example.com/worker').catch(() => null));
      const popup = await openExtensionPage(ext, 'popup.html');
      await popup.evaluate(() => fetch('https://example.com/page').catch(() => null));
      await expect
        .poll(() => ext.outsideRequests.map((r) => [r.url, r.worker]))
        .toEqual([
          ['https://example.com/worker', true],
          ['https://example.com/page', false],
        ]);
    } finally {
      await ext.close();
    }
  });
});
