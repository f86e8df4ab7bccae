import { describe, expect, it } from 'vitest';
import { linkedinAdapter } from '@/lib/platforms/linkedin';
import { microsoftAdapter } from '@/lib/platforms/microsoft';
import { wrongReadings } from '../helpers/mutate-page';
import { assertNeverWrong, parsedFixtures, runSize } from '../helpers/mutate-run';

/**
 * Microsoft Advertising and LinkedIn Campaign Manager (read by header text, lib/read/header-table.ts) on mutated fixtures (fast-check, fixed seed): columns shuffled with their headers, cells removed, classes
 * stripped or swapped, text added to names, numbers respaced with NBSP / thin space / narrow NBSP. Every number
 * read is the original page's or unknown, every row is a row of the page, or the page is not recognised
 * (test/helpers/mutate-page.ts). Kept to a few seconds: jsdom is slow.
 */

describe.each([
  ['Microsoft Advertising', microsoftAdapter, 16_304],
  ['LinkedIn Campaign Manager', linkedinAdapter, 16_305],
] as const)('%s adapter on mutated fixtures (fast-check)', (_label, adapter, seedDefault) => {
  const fixtures = parsedFixtures(adapter.id);
  const { pages: PAGES, seed } = runSize(200, seedDefault);

  it(
    `never reads a wrong number or a row under another id (${PAGES} mutated pages, seed ${seed})`,
    () => {
      const stats = assertNeverWrong(adapter, fixtures, PAGES, seed);
      expect(stats.pages).toBe(PAGES);
      expect(stats.recognised).toBeGreaterThan(PAGES / 3);
      expect(stats.exactNumbers).toBeGreaterThan(PAGES * 2);
    },
    PAGES * 1_000 + 30_000,
  );
});

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
