import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { microsoftAdapter } from '@/lib/platforms/microsoft';
import { ADAPTERS } from '@/lib/platforms/registry';
import { wrongReadings } from '../helpers/mutate-page';
import { assertNeverWrong, parsedFixtures, runSize } from '../helpers/mutate-run';

/**
 * Every registered adapter without a mutated-page test file of its own (today Microsoft Advertising and
 * LinkedIn Campaign Manager, read by header text in lib/read/header-table.ts; a new adapter is covered here
 * with no file to add) on mutated fixtures (fast-check, fixed seed): columns shuffled with their headers, cells
 * removed or emptied, classes stripped or swapped, text added to names, numbers respaced with NBSP / thin space /
 * narrow NBSP. Every number read is the original page's or unknown, every row is a row of the page, or the page
 * is not recognised (test/helpers/mutate-page.ts). Meta, Google and TikTok have files of their own, sized to
 * their slower pages.
 */
const HERE = dirname(fileURLToPath(import.meta.url));
const ownFile = (id: string) => existsSync(join(HERE, `${id}-mutated.property.test.ts`));
const COVERED_HERE = ADAPTERS.filter((a) => !ownFile(a.id));

it('has its own-file adapters registered: every <id>-mutated test file names an adapter', () => {
  const ids = readdirSync(HERE)
    .map((f) => /^(.+)-mutated\.property\.test\.ts$/.exec(f)?.[1])
    .filter((id): id is string => !!id && id !== 'adapters');
  expect(ids.filter((id) => !ADAPTERS.some((a) => a.id === id))).toEqual([]);
  expect(ids.length + COVERED_HERE.length).toBe(ADAPTERS.length);
});

describe.each(COVERED_HERE.map((a) => [a.label, a] as const))(
  '%s adapter on mutated fixtures (fast-check)',
  (_label, adapter) => {
    const fixtures = parsedFixtures(adapter.id);
    // Seeds 16301… in registry order, as the own files use.
    const { pages: PAGES, seed } = runSize(200, 16_301 + ADAPTERS.indexOf(adapter));

    it(
      `never reads a wrong number or a row under another id (${PAGES} mutated pages, seed ${seed})`,
      () => {
        const stats = assertNeverWrong(adapter, fixtures, PAGES, seed);
        expect(stats.pages).toBe(PAGES);
        expect(stats.recognised).toBeGreaterThan(PAGES / 3);
        expect(stats.exactNumbers).toBeGreaterThan(PAGES);
      },
      PAGES * 1_000 + 30_000,
    );
  },
);

describe('the mutated-page check', () => {
  it('catches a wrong reading: headers swapped over their cells (a page that says another thing) is flagged', () => {
    const [fixture] = parsedFixtures('microsoft', (name) => name === 'campaigns-en-usd');
    const doc = fixture!.doc.cloneNode(true) as Document;
    const headers = [...doc.querySelectorAll('[role="columnheader"]')];
    const spend = headers.find((h) => /^Spend/.test(h.textContent!.trim()))!;
    const clicks = headers.find((h) => /^Clicks/.test(h.textContent!.trim()))!;
    [spend.innerHTML, clicks.innerHTML] = [clicks.innerHTML, spend.innerHTML];
    const reading = microsoftAdapter.read(doc, new URL(fixture!.url), { accountCurrency: () => null });
    const wrong = wrongReadings(fixture!.expected, reading, new Map());
    expect(wrong.some((w) => / spend expected .* read /.test(w))).toBe(true);
    expect(wrong.some((w) => / clicks expected .* read /.test(w))).toBe(true);
  });
});
