import { describe, expect, it } from 'vitest';
import { googleAdapter } from '@/lib/platforms/google';
import { assertNeverWrong, parsedFixtures, runSize } from '../helpers/mutate-run';

/**
 * Google Ads on mutated fixtures (fast-check, fixed seed): columns shuffled with their headers, cells removed, classes
 * stripped or swapped, text added to names, numbers respaced with NBSP / thin space / narrow NBSP. Every number
 * read is the original page's or unknown, every row is a row of the page, or the page is not recognised
 * (test/helpers/mutate-page.ts). Kept to a few seconds: jsdom is slow.
 */
const { pages: PAGES, seed: SEED } = runSize(60, 16_302);

describe('Google Ads adapter on mutated fixtures (fast-check)', () => {
  const fixtures = parsedFixtures('google');

  it(
    `never reads a wrong number or a row under another id (${PAGES} mutated pages, seed ${SEED})`,
    () => {
      const stats = assertNeverWrong(googleAdapter, fixtures, PAGES, SEED);
      expect(stats.pages).toBe(PAGES);
      expect(stats.recognised).toBeGreaterThan(PAGES / 2);
      expect(stats.exactNumbers).toBeGreaterThan(PAGES * 3);
    },
    PAGES * 1_000 + 30_000,
  );
});
