/**
 * The property every adapter is held to on mutated fixtures (test/platforms/*-mutated.property.test.ts): for
 * any fixture of the platform and any mix of mutations, the reading is exact, or a number is unknown, or the
 * page is not recognised, never a wrong number. Counts are reported so a run that reads nothing cannot pass
 * unnoticed.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { PlatformAdapter } from '@/lib/platforms/types';
import { listFixtures, loadFixture, parseDocument } from './fixtures';
import { MUTATION_KINDS, readMutated, type MutationKind, type ParsedFixture } from './mutate-page';

/** Every fixture of the platform (unsupported pages included), parsed once. */
export function parsedFixtures(platform: string, only?: (name: string) => boolean): ParsedFixture[] {
  return listFixtures(platform)
    .filter((f) => !only || only(f.name))
    .map((file) => {
      const { html, expected } = loadFixture(file);
      // No adapter looks at styles, and jsdom parses every shadow root's <style> as it is attached (seconds on
      // TikTok's virtual table): the fixtures are mutated and read without them.
      const doc = parseDocument(html.replace(/<style>[^<]*<\/style>/g, ''), expected.url);
      return { name: file.name, url: expected.url, doc, expected };
    });
}

export interface MutatedRunStats {
  pages: number;
  recognised: number;
  exactNumbers: number;
  byKind: Record<MutationKind, number>;
}

/** Runs `pages` mutated pages (fast-check, `seed`) and fails on the first page with a wrong reading. */
export function assertNeverWrong(
  adapter: PlatformAdapter,
  fixtures: readonly ParsedFixture[],
  pages: number,
  seed: number,
): MutatedRunStats {
  const stats: MutatedRunStats = {
    pages: 0,
    recognised: 0,
    exactNumbers: 0,
    byKind: Object.fromEntries(MUTATION_KINDS.map((k) => [k, 0])) as Record<MutationKind, number>,
  };
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: fixtures.length - 1 }),
      fc.subarray([...MUTATION_KINDS], { minLength: 1 }),
      fc.integer({ min: 1, max: 0x7fffffff }),
      (index, kinds, mutationSeed) => {
        const fixture = fixtures[index]!;
        const outcome = readMutated(adapter, fixture, kinds, mutationSeed);
        stats.pages++;
        if (outcome.recognised) stats.recognised++;
        stats.exactNumbers += outcome.exact;
        for (const k of kinds) stats.byKind[k]++;
        const where = `${fixture.name}, kinds ${kinds.join('+')}, mutation seed ${mutationSeed}`;
        expect(outcome.wrong.join('\n'), `${where}: ${outcome.steps.join('; ')}`).toBe('');
      },
    ),
    { seed, numRuns: pages, endOnFailure: true },
  );
  return stats;
}

/**
 * Pages and seed of a run: the defaults keep `npm test` fast; `KPI_LENS_MUTATED_PAGES` and
 * `KPI_LENS_MUTATED_SEED` run a longer or other search by hand (a failure names its seed either way).
 */
export function runSize(pages: number, seed: number): { pages: number; seed: number } {
  return {
    pages: Number(process.env.KPI_LENS_MUTATED_PAGES) || pages,
    seed: Number(process.env.KPI_LENS_MUTATED_SEED) || seed,
  };
}
