import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchesAny } from '@/lib/platforms/hosts';
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

  // The day check below runs on every fixture; these are the platforms whose tables by day it covers (#14.1).
  it('has tables by day of Google (segmented) and Meta (broken down)', () => {
    const byDay = pages.filter((p) =>
      (p.expected.entities as { days?: unknown[] }[]).some((e) => (e.days?.length ?? 0) > 0),
    );
    expect(new Set(byDay.map((p) => p.platform))).toEqual(new Set(['google', 'meta']));
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
      // Unsupported or unreadable page. Where the content script runs, its panel says when it has decided;
      // elsewhere no reader runs, and the extension is given time to (wrongly) store something all the same.
      const adapter = ADAPTERS.find((a) => a.id === fixture.platform)!;
      if (matchesAny(adapter.matches, new URL(expected.url)))
        await expect
          .poll(() => page.locator('kpi-lens-panel .headline').textContent(), { timeout: 15_000 })
          .toBe('Page not recognised');
      else await page.waitForTimeout(1500);
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
    // A table segmented by day also stores one snapshot per entity per day (#14.1).
    const days = expected.entities.flatMap((e) =>
      ((e as { days?: { date: string; spend: number | null }[] }).days ?? []).map((d) => [
        e.entity_id,
        d.date,
        d.spend,
      ]),
    );
    const dayRows = (all: StoredRow[]) =>
      all.filter(
        (r) =>
          r.platform === expected.platform &&
          r.accountId === expected.account_id &&
          r.level === expected.level &&
          r.dateStart !== null &&
          r.dateStart === r.dateEnd &&
          // A one-day range's own rows are the range's, not days of a breakdown.
          !(r.dateStart === expected.date_start && r.dateEnd === expected.date_end),
      );
    if (days.length > 0) {
      const stored = await waitFor(
        async () => dayRows(await readLatestRows<StoredRow>(ext)),
        (r) => r.length >= days.length,
      );
      const byDay = (a: unknown[], b: unknown[]) => String(a).localeCompare(String(b));
      expect(
        stored.map((r) => [r.entityId, r.dateStart, r.metrics.spend ?? null]).sort(byDay),
        `${label}: one snapshot per entity per day`,
      ).toEqual(days.sort(byDay));
    } else {
      expect(dayRows(await readLatestRows<StoredRow>(ext)), `${label}: no days`).toEqual([]);
    }
    await page.close();
  });
});
