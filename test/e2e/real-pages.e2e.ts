import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPagesInDir } from '../../scripts/lib/fixtures.mjs';
import {
  expectNoOutsideRequests,
  launchExtensionBrowser,
  readLatestRows,
  waitFor,
  type ExtensionBrowser,
} from './harness';
import { expectStoredEqualsExpected, type StoredRow } from './stored-vs-expected';

/**
 * Real saved Google Ads and Meta Ads Manager DOM, kept beside the repository (never copied into it).
 * The folder is always there for this project: without it (or with no page in it) the suite fails and says
 * where it looked, since a run that reads no real page proves nothing.
 */
const REAL_PAGES_DIR = process.env.KPI_LENS_REAL_PAGES ?? resolve('..', 'shared', 'real-pages');
const present = existsSync(REAL_PAGES_DIR);
const MISSING = `no real saved pages at ${REAL_PAGES_DIR}: put the real-pages folder beside the repository (../shared/real-pages) or set KPI_LENS_REAL_PAGES`;

describe('real saved ad-manager pages read exactly', () => {
  const pages = present ? listPagesInDir(REAL_PAGES_DIR) : [];

  it('finds the real saved pages', () => {
    if (pages.length === 0) expect.fail(MISSING);
  });

  describe.runIf(pages.length > 0)('each page', () => {
    let ext: ExtensionBrowser;
    beforeAll(async () => {
      ext = await launchExtensionBrowser();
    });
    afterAll(async () => {
      expectNoOutsideRequests(ext);
      await ext.close();
    });

    it.each(pages.map((p) => [p.name, p] as const))('%s', async (label, fixture) => {
      const { expected } = fixture;
      ext.serve(expected.url, fixture.html);
      const page = await ext.context.newPage();
      await page.goto(expected.url);
      const want = expected.entities.filter((e) => !e.optional).length;
      const rows = await waitFor(
        async () =>
          (await readLatestRows<StoredRow>(ext)).filter(
            (r) =>
              r.platform === expected.platform &&
              r.level === expected.level &&
              r.dateEnd === expected.date_end,
          ),
        (r) => r.length >= want,
      );
      expectStoredEqualsExpected(rows, expected, label);
      await page.close();
    });
  });
});
