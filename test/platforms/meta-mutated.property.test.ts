import { describe, expect, it } from 'vitest';
import { metaAdapter } from '@/lib/platforms/meta';
import { assertNeverWrong, parsedFixtures, runSize } from '../helpers/mutate-run';

/**
 * Meta Ads Manager on mutated fixtures (fast-check, fixed seed): columns shuffled with their headers, cells
 * removed, classes stripped or swapped, text added to names, numbers respaced with NBSP / thin / narrow NBSP.
 * Every number read is the original page's or unknown, every row is a row of the page, or the page is not
 * recognised (test/helpers/mutate-page.ts).
 */
const { pages: PAGES, seed: SEED } = runSize(40, 16_301);

describe('Meta adapter on mutated fixtures (fast-check)', () => {
  const fixtures = parsedFixtures('meta');

  it(
    `never reads a wrong number or a row under another id (${PAGES} mutated pages, seed ${SEED})`,
    () => {
      const stats = assertNeverWrong(metaAdapter, fixtures, PAGES, SEED);
      expect(stats.pages).toBe(PAGES);
      // The property must not hold by reading nothing: most pages still read, with many exact numbers.
      expect(stats.recognised).toBeGreaterThan(PAGES / 2);
      expect(stats.exactNumbers).toBeGreaterThan(PAGES * 5);
    },
    PAGES * 1_000 + 30_000,
  );
});
