import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS } from '@/lib/platforms/registry';
import { listFixturePages } from '../../scripts/lib/fixtures.mjs';
import {
  clearStores,
  expectNoOutsideRequests,
  launchExtensionBrowser,
  readLatestRows,
  readStore,
  waitFor,
  type ExtensionBrowser,
} from './harness';
import { expectStoredEqualsExpected, type StoredRow } from './stored-vs-expected';

const pages = listFixturePages();

describe('every bundled fixture, served at its real URL, is stored exactly as the page shows it', () => {
  let ext: ExtensionBrowser;
  beforeAll(async () => {
    ext = await launchExtensionBrowser();
  });
  afterAll(async () => {
    expectNoOutsideRequests(ext);
    await ext.close();
  });

  it('has fixtures for every platform', () => {
    expect(new Set(pages.map((p) => p.platform))).toEqual(new Set(ADAPTERS.map((a) => a.id)));
  });

  it.each(pages.map((p) => [`${p.platform}/${p.name}`, p] as const))('%s', async (label, fixture) => {
    const { expected } = fixture;
    ext.serve(expected.url, fixture.html);
    await clearStores(ext);
    const before = (await readStore<StoredRow>(ext, 'snapshots')).length;
    const page = await ext.context.newPage();
    await page.goto(expected.url);
    const mine = (rows: StoredRow[]) =>
      rows.filter(
        (r) =>
          r.platform === expected.platform &&
          r.accountId === expected.account_id &&
          r.level === expected.level &&
          r.dateStart === expected.date_start &&
          r.dateEnd === expected.date_end,
      );
    const want = expected.entities.filter((e) => !e.optional).length;
    if (want === 0) {
      // Unsupported or unreadable page: give the extension time to (wrongly) store something, then check.
      await page.waitForTimeout(1500);
      expect((await readStore<StoredRow>(ext, 'snapshots')).length, `${label}: nothing may be stored`).toBe(
        before,
      );
      await page.close();
      return;
    }
    const rows = await waitFor(
      async () => mine(await readLatestRows<StoredRow>(ext)),
      (r) => r.length >= want,
    );
    expectStoredEqualsExpected(rows, expected, label);
    await page.close();
  });
});
