import { describe, expect, it } from 'vitest';
import { metaAdapter } from '@/lib/platforms/meta';
import { FIXTURES_DIR, loadFixture, parseDocument } from '../helpers/fixtures';

/**
 * A regression found by the mutated-fixture property test (meta-mutated.property.test.ts, 250 pages, seed 777):
 * in a table that shows Link clicks, a row whose Link clicks cell shows no number took its Clicks (all) as its
 * clicks (903 for 611), so one table mixed link clicks and all clicks. Now the row's clicks are unknown; all
 * clicks stand in only for a table that does not show Link clicks at all.
 */
const ROW = '120213000000000102';

function readWithLinkClicks(text: string | null) {
  const { html, expected } = loadFixture(`${FIXTURES_DIR}/meta/campaigns-hscroll-right.html`);
  const doc = parseDocument(html, expected.url);
  const cell = doc.querySelector(`[data-surface$="table_row:${ROW}unit/table_cell:inline_link_clicks"]`)!;
  if (text === null) {
    for (const el of doc.querySelectorAll('[data-surface$="/table_cell:inline_link_clicks"]')) el.remove();
    for (const el of doc.querySelectorAll('[tabindex="-1"]'))
      if (el.textContent!.trim().startsWith('Link clicks')) el.remove();
  } else {
    const walker = doc.createTreeWalker(cell, 4);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) n.nodeValue = '';
    cell.querySelector('span span, span')!.append(text);
  }
  const reading = metaAdapter.read(doc, new URL(expected.url), { accountCurrency: () => null });
  return reading.rows.find((r) => r.entityId === ROW)!;
}

describe('Meta clicks when a row shows no Link clicks', () => {
  it.each([
    ['blank', ''],
    ['a dash', '—'],
  ])('are unknown when the cell is %s', (_what, text) => {
    const row = readWithLinkClicks(text);
    expect(row.metrics.clicks).toBeUndefined();
    expect(row.clickKind).toBeNull();
    expect(row.metrics.impressions).toBe(21950);
  });

  it('are Clicks (all) when the table has no Link clicks column', () => {
    const row = readWithLinkClicks(null);
    expect([row.metrics.clicks, row.clickKind]).toEqual([903, 'all']);
  });
});
