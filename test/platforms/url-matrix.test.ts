import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Platform } from '@/lib/model';
import { matchesAny } from '@/lib/platforms/hosts';
import { ADAPTERS, adapterForUrl } from '@/lib/platforms/registry';
import { FIXTURES_DIR } from '../helpers/fixtures';

/**
 * Realistic addresses and which adapter, if any, may read them, kept with each platform's fixtures
 * (`test/fixtures/<id>/urls.json`: `reads`, `declines` where the content script runs but nothing is read, and
 * `outside` where it does not run). Every adapter in the registry is asked about every address of every
 * platform: exactly the named one says yes (`detect` non-null), all others say no.
 */
const urlCasesSchema = z.object({
  reads: z.array(z.url()),
  declines: z.array(z.url()),
  outside: z.array(z.url()),
});

function urlCasesOf(id: Platform): z.infer<typeof urlCasesSchema> {
  const path = join(FIXTURES_DIR, id, 'urls.json');
  if (!existsSync(path)) throw new Error(`${id}: ${path} is missing (every adapter brings its URL cases).`);
  return urlCasesSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

const MATRIX: ReadonlyArray<{ url: string; reads: Platform | null; runs: boolean }> = ADAPTERS.flatMap(
  (a) => {
    const cases = urlCasesOf(a.id);
    return [
      ...cases.reads.map((url) => ({ url, reads: a.id, runs: true })),
      ...cases.declines.map((url) => ({ url, reads: null, runs: true })),
      ...cases.outside.map((url) => ({ url, reads: null, runs: false })),
    ];
  },
);

describe('which adapter reads which address', () => {
  it('names only registered adapters', () => {
    const ids = new Set(ADAPTERS.map((a) => a.id));
    expect(MATRIX.filter((row) => row.reads !== null && !ids.has(row.reads)).map((r) => r.url)).toEqual([]);
  });

  // A new adapter must bring its own cases: addresses it reads, and addresses on its own pages that it must not.
  describe.each(ADAPTERS.map((a) => [a.id, a] as const))('%s has real cases', (id, adapter) => {
    const own = MATRIX.filter((row) => matchesAny(adapter.matches, new URL(row.url)));

    it('reads at least two addresses', () => {
      expect(MATRIX.filter((row) => row.reads === id).length).toBeGreaterThanOrEqual(2);
    });

    it('declines at least one address its content script runs on', () => {
      expect(own.filter((row) => row.reads === null).length).toBeGreaterThanOrEqual(1);
    });

    it('declines at least one address on its hosts where the content script does not run', () => {
      const hosts = new Set(adapter.matches.map((m) => new URL(m.replace('*', '')).host));
      const outside = MATRIX.filter((row) => hosts.has(new URL(row.url).host) && !row.runs);
      expect(outside.length).toBeGreaterThanOrEqual(1);
    });

    it.each(adapter.matches.map((m) => [m] as const))('has an address read under %s', (pattern) => {
      expect(MATRIX.some((row) => row.reads === id && matchesAny([pattern], new URL(row.url)))).toBe(true);
    });

    it('detects only inside its own match patterns', () => {
      const outside = MATRIX.filter(
        (row) => adapter.detect(new URL(row.url)) !== null && !matchesAny(adapter.matches, new URL(row.url)),
      );
      expect(outside.map((r) => r.url)).toEqual([]);
    });
  });

  describe.each(MATRIX.map((row) => [row.url, row] as const))('%s', (url, { reads, runs }) => {
    it.each(ADAPTERS.map((a) => [a.id, a] as const))(`%s: ${reads ?? 'none'} reads it`, (id, adapter) => {
      expect(adapter.detect(new URL(url)) !== null).toBe(id === reads);
    });

    it(runs ? 'runs the content script' : 'does not run the content script', () => {
      const adapter = adapterForUrl(new URL(url));
      expect(adapter !== null).toBe(runs);
      if (reads) expect(adapter?.id).toBe(reads);
    });
  });
});
