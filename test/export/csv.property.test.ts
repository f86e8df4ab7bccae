import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { BOM, csvText, CSV_COLUMNS, NEWLINE } from '@/lib/export/csv';
import {
  clickKindSchema,
  CURRENCY_SOURCES,
  LEVELS,
  PLATFORMS,
  snapshotSchema,
  type Metrics,
  type Snapshot,
} from '@/lib/model';

/**
 * Property test (fast-check, fixed seed named in the title; a failure prints the seed and the shrunk
 * snapshot set): any set of stored snapshots, with any per-account currency settings, written by csvText,
 * saved as UTF-8 bytes and read back through Papa.parse gives the same values, column by column, and no
 * text cell of the file starts a formula. csv-quoting.test.ts checks the writer's bytes against
 * Papa.unparse; this checks what a spreadsheet user gets back.
 *
 * The oracle shares nothing with the writer: the formula pattern, the derived KPIs and the currency rule are
 * written out here from CONTRACTS.md §1 and lib/kpi/currency-policy.ts (rule 2).
 */

/** CONTRACTS.md §1: a text cell starting with one of these gets a leading `'`. */
const CONTRACT_FORMULA = /^[=+\-@\t\r]/;
/** CONTRACTS.md §1: numbers are plain decimals (no exponent, no grouping), empty when unknown. */
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
const SEED = 20_261_206;
const RUNS = 300;

/** Text as it reaches names: quotes, separators, line breaks, formula starts, RTL, emoji, combining marks. */
const piece = fc.constantFrom(
  '"',
  '""',
  ',',
  ';',
  '\r',
  '\n',
  '\r\n',
  '\t',
  ' ',
  '=',
  '+',
  '-',
  '@',
  "'",
  '=SUM(A1:A9)',
  '=HYPERLINK("x")',
  '@cmd',
  '+1',
  '-3',
  'עברית',
  'مرحبا بالعالم',
  '\u200f',
  '\u202e',
  '🚀',
  '👩‍👩‍👧',
  'e\u0301',
  'Київ',
  '東京',
  'Khuyến mãi',
  '\uFEFF',
  'null',
  'Spring Sale',
);
/** At most `max` UTF-16 units (the schemas' bound), never ending in half a surrogate pair. */
const text = (max: number) =>
  fc
    .oneof(
      fc.array(piece, { maxLength: 6 }).map((parts) => parts.join('')),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
    )
    .map((s) => s.slice(0, max).replace(/[\uD800-\uDBFF]$/, ''));
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 5 });

const amount = fc.option(
  fc.oneof(
    fc.constant(0),
    fc.constant(-0),
    fc.integer({ min: -1e9, max: 1e12 }),
    fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }),
    fc.double({ min: 1e-12, max: 1e-6, noNaN: true }), // exponent forms in String(n)
    fc.double({ min: 1e21, max: 1e25, noNaN: true }), // exponent forms the other way
  ),
  { nil: undefined, freq: 4 },
);

const isoDate = fc
  .date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** A few account ids repeat, so the per-account currency settings meet rows of their own account. */
const accountId = fc.oneof(
  fc.constantFrom('1234567890', '=1+1', 'act "7"'),
  text(64).map((s) => s || 'act'),
);
const CURRENCIES = ['USD', 'EUR', 'VND', 'JPY', 'KWD', 'UAH'] as const;

const snapshot: fc.Arbitrary<Snapshot> = fc.record({
  capturedAt: fc.integer({ min: 1_500_000_000_000, max: 2_000_000_000_000 }),
  platform: fc.constantFrom(...PLATFORMS),
  accountId,
  accountName: nullable(text(500)),
  level: fc.constantFrom(...LEVELS),
  entityKey: fc.constant('k'),
  entityId: nullable(text(64)),
  entityName: nullable(text(1000)),
  dateStart: nullable(isoDate),
  dateEnd: nullable(isoDate),
  currency: nullable(fc.constantFrom(...CURRENCIES)),
  // Stored rows keep null with an unknown currency; any pairing the schema admits is drawn all the same.
  currencySource: nullable(fc.constantFrom(...CURRENCY_SOURCES)),
  metrics: fc.record({
    spend: amount,
    impressions: amount,
    reach: amount,
    clicks: amount,
    conversions: amount,
    conversionValue: amount,
    leads: amount,
    roasShown: amount,
    results: amount,
    budget: amount,
  }),
  clickKind: nullable(fc.constantFrom(...clickKindSchema.options)),
  resultType: nullable(text(200)),
});

/** A snapshot set and the user's currency settings for some of its accounts (and one that has no rows). */
const snapshotSet = fc.array(snapshot, { minLength: 0, maxLength: 25 }).chain((rows) => {
  const keys = [...new Set(rows.map((r) => `${r.platform}:${r.accountId}`)), 'meta:no-rows'];
  return fc.tuple(
    fc.constant(rows),
    fc
      .subarray(keys)
      .chain((chosen) =>
        fc.tuple(...chosen.map((k) => fc.tuple(fc.constant(k), fc.constantFrom(...CURRENCIES)))),
      )
      .map((pairs) => Object.fromEntries(pairs) as Record<string, string>),
  );
});

/** Text columns: what the cell must read back as (guarded with a leading quote; unknown is empty). */
function expectedText(value: string | null): string {
  if (value === null) return '';
  return CONTRACT_FORMULA.test(value) ? `'${value}` : value;
}

/** Number columns: the same double, or empty when unknown (−0 is written as 0). */
function expectedNumber(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value === 0 ? 0 : value;
}

/** CONTRACTS.md §1 derived KPIs: unknown input or a denominator ≤ 0 is unknown; ROAS as shown first. */
function ratio(numerator: number | undefined, denominator: number | undefined, scale = 1): number | null {
  if (numerator === undefined || denominator === undefined || !(denominator > 0)) return null;
  return (numerator / denominator) * scale;
}
function derived(m: Metrics) {
  return {
    ctr: ratio(m.clicks, m.impressions),
    cpc: ratio(m.spend, m.clicks),
    cpm: ratio(m.spend, m.impressions, 1000),
    cvr: ratio(m.conversions, m.clicks),
    cpa: ratio(m.spend, m.conversions),
    roas: m.roasShown ?? ratio(m.conversionValue, m.spend),
  };
}

/** Currency policy rule 2: a page-named currency stands; else the account's setting; else as read. */
function expectedCurrency(s: Snapshot, settings: Record<string, string>): [string, string] {
  if (s.currency !== null && s.currencySource === 'page') return [s.currency, 'page'];
  const setting = settings[`${s.platform}:${s.accountId}`];
  if (setting) return [setting, 'account'];
  if (s.currency === null) return ['', ''];
  return [s.currency, s.currencySource ?? ''];
}

function expectedRecord(
  s: Snapshot,
  settings: Record<string, string>,
): Record<string, string | number | null> {
  const m = s.metrics;
  const d = derived(m);
  const [currency, currencySource] = expectedCurrency(s, settings);
  return {
    captured_at: new Date(s.capturedAt).toISOString(),
    platform: s.platform,
    account_id: expectedText(s.accountId),
    account_name: expectedText(s.accountName),
    level: s.level,
    entity_id: expectedText(s.entityId),
    entity_name: expectedText(s.entityName),
    date_start: s.dateStart ?? '',
    date_end: s.dateEnd ?? '',
    currency,
    spend: expectedNumber(m.spend),
    impressions: expectedNumber(m.impressions),
    reach: expectedNumber(m.reach),
    clicks: expectedNumber(m.clicks),
    conversions: expectedNumber(m.conversions),
    conversion_value: expectedNumber(m.conversionValue),
    leads: expectedNumber(m.leads),
    ctr: expectedNumber(d.ctr),
    cpc: expectedNumber(d.cpc),
    cpm: expectedNumber(d.cpm),
    cvr: expectedNumber(d.cvr),
    cpa: expectedNumber(d.cpa),
    roas: expectedNumber(d.roas),
    click_kind: s.clickKind ?? '',
    result_type: expectedText(s.resultType),
    results: expectedNumber(m.results),
    budget: expectedNumber(m.budget),
    currency_source: currencySource,
    // Every stored snapshot is read; derived days are only written from the newest readings (csvParts).
    value_source: 'read',
  };
}

const NUMBER_COLUMNS: ReadonlySet<string> = new Set([
  'spend',
  'impressions',
  'reach',
  'clicks',
  'conversions',
  'conversion_value',
  'leads',
  'ctr',
  'cpc',
  'cpm',
  'cvr',
  'cpa',
  'roas',
  'results',
  'budget',
]);

/** A parsed cell as the value it stands for in its column. */
function readBack(column: string, cell: string): string | number | null {
  if (!NUMBER_COLUMNS.has(column)) return cell;
  return cell === '' ? null : Number(cell);
}

/** The file as a spreadsheet gets it: UTF-8 bytes with a BOM, decoded strictly (the BOM is dropped). */
function asSaved(file: string): string {
  const bytes = new TextEncoder().encode(file);
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

describe('CSV export: generated snapshot sets round-trip through Papa.parse', () => {
  it('the column list the test reads is the writer’s, and the generated rows are rows the store accepts', () => {
    const [rows, settings] = fc.sample(
      snapshotSet.filter(([r]) => r.length > 0),
      { seed: SEED, numRuns: 1 },
    )[0]!;
    expect(Object.keys(expectedRecord(rows[0]!, settings))).toEqual([...CSV_COLUMNS]);
    for (const s of fc.sample(snapshot, { seed: SEED, numRuns: 300 }))
      expect(snapshotSchema.safeParse(s).error).toBeUndefined();
  });

  it(`any set reads back to the same values, and no text cell starts a formula (seed ${SEED}, ${RUNS} sets)`, () => {
    fc.assert(
      fc.property(snapshotSet, ([rows, settings]) => {
        const file = csvText(rows, settings);
        expect(file.startsWith(BOM)).toBe(true);
        expect(file.endsWith(NEWLINE)).toBe(true);
        const parsed = Papa.parse<string[]>(asSaved(file), {
          delimiter: ',',
          newline: NEWLINE,
          skipEmptyLines: true,
        });
        expect(parsed.errors).toEqual([]);
        const [header, ...records] = parsed.data;
        expect(header).toEqual([...CSV_COLUMNS]);
        expect(records).toHaveLength(rows.length);
        rows.forEach((row, i) => {
          const record = records[i]!;
          expect(record).toHaveLength(CSV_COLUMNS.length);
          const got = Object.fromEntries(CSV_COLUMNS.map((c, j) => [c, readBack(c, record[j]!)]));
          expect(got).toEqual(expectedRecord(row, settings));
          CSV_COLUMNS.forEach((c, j) => {
            const cell = record[j]!;
            // Only a number column may start with '-' (a negative number), and it is a plain decimal.
            if (NUMBER_COLUMNS.has(c)) {
              if (cell !== '') expect(cell, c).toMatch(PLAIN_DECIMAL);
            } else expect(CONTRACT_FORMULA.test(cell), `${c}: ${JSON.stringify(cell)}`).toBe(false);
          });
        });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it(`the generator reaches every case that matters (seed ${SEED})`, () => {
    const seen = new Set<string>();
    for (const [rows, settings] of fc.sample(snapshotSet, { seed: SEED, numRuns: RUNS })) {
      for (const s of rows) {
        for (const v of [s.accountId, s.accountName, s.entityId, s.entityName, s.resultType]) {
          if (v === null) {
            seen.add('unknown');
            continue;
          }
          for (const [name, re] of [
            ['quote', /"/],
            ['newline', /[\r\n]/],
            ['comma', /,/],
            ['formula =', /^=/],
            ['formula +', /^\+/],
            ['formula -', /^-/],
            ['formula @', /^@/],
            ['RTL', /[\u0590-\u08ff\u200f\u202e]/],
            ['emoji', /\p{Extended_Pictographic}/u],
          ] as const)
            if (re.test(v)) seen.add(name);
        }
        const [, source] = expectedCurrency(s, settings);
        seen.add(`currency ${source || 'unknown'}`);
        if (Object.values(s.metrics).some((v) => v !== undefined && Math.abs(v) >= 1e21))
          seen.add('exponent');
      }
    }
    expect([...seen].sort()).toEqual(
      [
        'quote',
        'newline',
        'comma',
        'formula =',
        'formula +',
        'formula -',
        'formula @',
        'RTL',
        'emoji',
        'unknown',
        'currency page',
        'currency account',
        'currency assumed',
        'currency unknown',
        'exponent',
      ].sort(),
    );
  });
});
