import { describe, expect, it } from 'vitest';
import { entityKeyOf } from '@/lib/model';
import { ADAPTERS } from '@/lib/platforms/registry';
import { listFixtures, loadFixture, parseDocument } from '../helpers/fixtures';
import { attachDeclarativeShadowRoots } from '../helpers/shadow';

const noCurrency = { accountCurrency: () => null };

/** What a chip host looks like to an adapter: an element with an open shadow root full of text. */
function addChipHost(cell: Element, text: string): void {
  const doc = cell.ownerDocument;
  const host = doc.createElement('kpi-lens-chips');
  host.setAttribute('data-kpi-lens', 'chips');
  const root = host.attachShadow({ mode: 'open' });
  const span = doc.createElement('span');
  span.setAttribute('role', 'button');
  span.textContent = text;
  root.append(span);
  cell.append(host);
}

const cases = ADAPTERS.flatMap((adapter) =>
  listFixtures(adapter.id).map((file) => [`${adapter.id}/${file.name}`, adapter, file] as const),
);

describe('row anchors of every fixture', () => {
  it('every adapter offers anchors', () => {
    expect(ADAPTERS.every((a) => typeof a.rowAnchors === 'function')).toBe(true);
  });

  it.each(cases)('%s: one anchor per rendered entity, keyed like the reading', (_label, adapter, file) => {
    const { html, expected } = loadFixture(file);
    const doc = parseDocument(html, expected.url);
    attachDeclarativeShadowRoots(doc);
    const url = new URL(expected.url);
    const reading = adapter.read(doc, url, noCurrency);
    const anchors = adapter.rowAnchors!(doc);
    const keys = new Set(reading.rows.map((r) => entityKeyOf(r)));
    if (reading.health.status === 'not-recognised') {
      // Rows that were not read must not get chips either (there is nothing to show in them).
      expect(anchors.filter((a) => keys.has(a.entityKey))).toEqual([]);
      return;
    }
    expect(anchors.length).toBeGreaterThan(0);
    for (const anchor of anchors) expect(keys.has(anchor.entityKey), anchor.entityKey).toBe(true);
    // No two anchors share a cell; each rendered entity has exactly one.
    expect(new Set(anchors.map((a) => a.cell)).size).toBe(anchors.length);
    expect(new Set(anchors.map((a) => a.entityKey)).size).toBe(anchors.length);
    expect(anchors.length).toBe(reading.rows.length);

    // Chips in every anchor cell change nothing the adapter reads.
    for (const anchor of anchors) addChipHost(anchor.cell, 'CPA $99.99 ✕ Off track 12,345');
    expect(adapter.read(doc, url, noCurrency)).toEqual(reading);
    expect(adapter.rowAnchors!(doc).map((a) => a.entityKey)).toEqual(anchors.map((a) => a.entityKey));
  });

  it('TikTok names read from the whole cell (no link) still ignore the chips', () => {
    const file = listFixtures('tiktok').find((f) => f.name === 'campaigns-wc-en-usd')!;
    const { html, expected } = loadFixture(file);
    const doc = parseDocument(html, expected.url);
    attachDeclarativeShadowRoots(doc);
    for (const link of doc.querySelectorAll('[data-row-key] [role="link"]')) link.removeAttribute('role');
    const adapter = ADAPTERS.find((a) => a.id === 'tiktok')!;
    const url = new URL(expected.url);
    const before = adapter.read(doc, url, noCurrency);
    for (const anchor of adapter.rowAnchors!(doc)) addChipHost(anchor.cell, 'CPA $99.99 ✕ Off track');
    expect(adapter.read(doc, url, noCurrency).rows.map((r) => r.entityName)).toEqual(
      before.rows.map((r) => r.entityName),
    );
  });
});
