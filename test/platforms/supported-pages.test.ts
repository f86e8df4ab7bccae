import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '@/lib/platforms/registry';
import type { PlatformAdapter } from '@/lib/platforms/types';
import { REPO_ROOT } from '../helpers/fixtures';

/**
 * The README's "Supported pages" table is the adapters' declarations, rendered: this test fails when they
 * differ. `KPI_LENS_WRITE_README=1 npx vitest run test/platforms/supported-pages.test.ts` rewrites the table.
 */
const README = join(REPO_ROOT, 'README.md');
const START =
  '<!-- supported-pages:start (generated from lib/platforms by test/platforms/supported-pages.test.ts) -->';
const END = '<!-- supported-pages:end -->';

function row(adapter: PlatformAdapter): string {
  const hosts = [...new Set(adapter.matches.map((m) => new URL(m.replace(/\*$/, '')).host))];
  const paths = [...new Set(adapter.matches.map((m) => new URL(m.replace(/\*$/, '')).pathname))];
  const checked =
    adapter.checkedAgainst === 'real pages'
      ? 'real saved pages and fixtures'
      : 'fixtures from public evidence (preview)';
  return [
    adapter.label,
    `${hosts.map((h) => `\`${h}\``).join(', ')} under ${paths.map((p) => `\`${p}\``).join(', ')}`,
    adapter.views.map((v) => v.name).join(', '),
    adapter.languages.join(', '),
    checked,
  ].join(' | ');
}

function supportedPagesTable(adapters: readonly PlatformAdapter[]): string {
  const lines = [
    'platform | pages | views | UI languages (fixtures) | checked against',
    '--- | --- | --- | --- | ---',
    ...adapters.map(row),
  ];
  return lines.map((l) => `| ${l} |`).join('\n');
}

describe('README "Supported pages"', () => {
  it('lists every adapter’s pages, views and languages as declared', () => {
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    expect(start, `README.md needs the markers ${START} … ${END}`).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    const written = readme.slice(start + START.length, end).trim();
    const expected = supportedPagesTable(ADAPTERS);
    if (process.env.KPI_LENS_WRITE_README === '1' && normalise(written) !== normalise(expected)) {
      writeFileSync(
        README,
        `${readme.slice(0, start + START.length)}\n\n${expected}\n\n${readme.slice(end)}`,
      );
      return;
    }
    expect(normalise(written)).toBe(normalise(expected));
  });
});

/** Prettier pads the table's cells; the content is what counts. */
function normalise(table: string): string {
  return table
    .split('\n')
    .map((line) =>
      line
        .split('|')
        .map((cell) => cell.trim().replace(/^-+$/, '---'))
        .join('|'),
    )
    .join('\n');
}
