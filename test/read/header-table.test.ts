import { describe, expect, it } from 'vitest';
import { microsoftAdapter } from '@/lib/platforms/microsoft';
import { FIXTURES_DIR, loadFixture, parseDocument } from '../helpers/fixtures';

/**
 * Regressions found by the mutated-fixture property test (test/platforms/header-table-mutated.property.test.ts):
 * a totals row whose label is not shown was read as an entity with no id and no name (its conversions stored
 * under nobody), and a name cell showing `—` was read as a name.
 */
const { html, expected } = loadFixture(`${FIXTURES_DIR}/microsoft/adgroups-en-usd.html`);

function readWithTotalsLabel(label: string) {
  const doc = parseDocument(html, expected.url);
  const totals = [...doc.querySelectorAll('[role="row"]')].find((r) =>
    r.textContent!.includes('Total - all ad groups'),
  )!;
  totals.querySelector('[role="gridcell"]')!.textContent = label;
  return microsoftAdapter.read(doc, new URL(expected.url), { accountCurrency: () => null });
}

describe('readHeaderTable rows that name no entity', () => {
  it.each([
    ['empty', ''],
    ['a dash', '—'],
    ['a hyphen', '-'],
  ])('leaves out a totals row whose label cell is %s', (_what, label) => {
    const reading = readWithTotalsLabel(label);
    expect(reading.rows.map((r) => r.entityId)).toEqual(['1188004411', '1188004412', '1188004413']);
    expect(reading.rows.some((r) => r.metrics.conversions === 141)).toBe(false);
  });

  it('reads a linked row whose name shows `—` under its id with no name', () => {
    const doc = parseDocument(html, expected.url);
    const link = doc.querySelector('[role="row"] a[href*="1188004412"]')!;
    link.textContent = '—';
    const row = microsoftAdapter
      .read(doc, new URL(expected.url), { accountCurrency: () => null })
      .rows.find((r) => r.entityId === '1188004412')!;
    expect(row.entityName).toBeNull();
    expect(row.metrics.spend).toBe(1381.84);
  });
});
