import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const OUT = join('test-results', 'bench-smoke-results.json');
const BUILT = join('.output', 'chrome-mv3');

interface BenchRow {
  id: number;
  what: string;
  value?: number;
  baseline?: number;
  ratio?: number;
  error?: string;
}

describe('npm run bench -- --tiny', () => {
  it('measures every row and writes a finite figure for each', async () => {
    // `npm test` builds the extension before this runs; measuring that build saves a second build here.
    const args = ['scripts/bench.mjs', '--tiny', '--out', OUT];
    if (existsSync(join(BUILT, 'manifest.json'))) args.push('--extension-dir', BUILT);
    const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 });
    const report = JSON.parse(readFileSync(OUT, 'utf8')) as { mode: string; rows: BenchRow[] };

    expect(report.mode).toBe('tiny');
    expect(report.rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const row of report.rows) {
      expect(row.error, `row ${row.id} (${row.what})`).toBeUndefined();
      for (const figure of [row.value, row.baseline, row.ratio]) {
        expect(Number.isFinite(figure), `row ${row.id} (${row.what}): ${figure}`).toBe(true);
        expect(figure).toBeGreaterThan(0);
      }
    }
    // The one printed table lists every row.
    for (const id of [1, 2, 3, 4, 5, 6, 7, 8]) expect(stdout).toMatch(new RegExp(`^${id}  `, 'm'));
  });
});
