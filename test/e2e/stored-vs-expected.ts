import { expect } from 'vitest';
import type { ExpectedReading } from '../../scripts/lib/fixtures.mjs';

/** The subset of a stored snapshot the end-to-end checks compare. */
export interface StoredRow {
  platform: string;
  accountId: string;
  accountName: string | null;
  level: string;
  entityId: string | null;
  entityName: string | null;
  dateStart: string | null;
  dateEnd: string | null;
  currency: string | null;
  currencySource?: string | null;
  metrics: Record<string, number | undefined>;
}

const close = (a: number | null | undefined, b: number | null | undefined) =>
  a == null || b == null ? a == b : Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

/** ROAS as CONTRACTS.md defines the column: shown when the page shows it, else conversion value ÷ spend. */
export function roasOf(m: StoredRow['metrics']): number | null {
  if (m.roasShown !== undefined) return m.roasShown;
  if (m.conversionValue !== undefined && m.spend) return m.conversionValue / m.spend;
  return null;
}

/** Asserts the stored rows of one page are exactly the expected entities: nothing missing, nothing invented. */
export function expectStoredEqualsExpected(
  rows: StoredRow[],
  expected: ExpectedReading,
  label: string,
): void {
  const required = expected.entities.filter((e) => !e.optional);
  const byKey = new Map(rows.map((r) => [r.entityId ?? `name:${r.entityName}`, r]));
  for (const e of expected.entities) {
    const row = byKey.get(e.entity_id ?? `name:${e.entity_name}`);
    if (!row) {
      if (!e.optional) expect.fail(`${label}: entity ${e.entity_id ?? e.entity_name} was not stored`);
      continue;
    }
    const where = `${label} ${e.entity_id ?? e.entity_name}`;
    expect(row.platform, where).toBe(expected.platform);
    expect(row.accountId, where).toBe(expected.account_id);
    expect(row.level, where).toBe(expected.level);
    expect(row.entityName, where).toBe(e.entity_name);
    expect([row.dateStart, row.dateEnd], where).toEqual([expected.date_start, expected.date_end]);
    // `expected.currency` is what the page states; a bare symbol is stored as an assumption, marked so.
    if (expected.currency === null && row.currencySource === 'assumed')
      expect(row.currency, where).toMatch(/^[A-Z]{3}$/);
    else expect(row.currency, where).toBe(expected.currency);
    const m = row.metrics;
    const pairs: Array<[string, number | null | undefined, number | null | undefined]> = [
      ['spend', m.spend, e.spend],
      ['impressions', m.impressions, e.impressions],
      ['reach', m.reach, e.reach ?? null],
      ['clicks', m.clicks, e.clicks],
      ['conversions', m.conversions, e.conversions],
      ['conversion_value', m.conversionValue, e.conversion_value],
      ['roas', roasOf(m), e.roas],
    ];
    for (const [name, got, want] of pairs) {
      expect(close(got ?? null, want ?? null), `${where} ${name}: stored ${got}, page shows ${want}`).toBe(
        true,
      );
    }
  }
  const allowed = new Set(expected.entities.map((e) => e.entity_id ?? `name:${e.entity_name}`));
  const invented = [...byKey.keys()].filter((k) => !allowed.has(k));
  expect(invented, `${label}: rows stored that the page does not show as entities`).toEqual([]);
  expect(rows.length, `${label}: stored rows`).toBeGreaterThanOrEqual(required.length);
}
