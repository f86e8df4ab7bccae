import { describe, expect, it } from 'vitest';
import { tiktokAdapter } from '@/lib/platforms/tiktok';
import { assertNeverWrong, parsedFixtures, runSize } from '../helpers/mutate-run';

/**
 * TikTok Ads Manager (table, web-component and virtual-table fixtures) on mutated fixtures (fast-check, fixed seed): columns shuffled with their headers, cells removed, classes
 * stripped or swapped, text added to names, numbers respaced with NBSP / thin space / narrow NBSP. Every number
 * read is the original page's or unknown, every row is a row of the page, or the page is not recognised
 * (test/helpers/mutate-page.ts). Kept to a few seconds: jsdom is slow.
 */
const { pages: PAGES, seed: SEED } = runSize(40, 16_303);

describe('TikTok adapter on mutated fixtures (fast-check)', () => {
  const fixtures = parsedFixtures('tiktok');

  it(
    `never reads a wrong number or a row under another id (${PAGES} mutated pages, seed ${SEED})`,
    () => {
      const stats = assertNeverWrong(tiktokAdapter, fixtures, PAGES, SEED);
      expect(stats.pages).toBe(PAGES);
      expect(stats.recognised).toBeGreaterThan(PAGES / 2);
      expect(stats.exactNumbers).toBeGreaterThan(PAGES * 3);
    },
    PAGES * 1_000 + 30_000,
  );
});
