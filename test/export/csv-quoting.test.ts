import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  BOM,
  csvCell,
  csvHeader,
  csvLine,
  csvRecord,
  csvText,
  CSV_COLUMNS,
  NEWLINE,
  plainDecimal,
  type CsvValue,
} from '@/lib/export/csv';
import { derivedCsvValues } from '@/lib/kpi/formulas';
import { clickKindSchema, LEVELS, PLATFORMS, type Snapshot } from '@/lib/model';
import { seeded } from '../helpers/seeded';

/*
 * The CSV writer quotes by hand (lib/export/csv.ts says why); Papa.unparse is the oracle. Every property runs
 * over rows from a seeded generator, so a failure names its seed and row and replays exactly.
 */

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** Pieces text is made of: everything that changes quoting or guarding, and ordinary text around it. */
const FRAGMENTS = [
  ',',
  '"',
  '""',
  '\r',
  '\n',
  '\r\n',
  '\t',
  ' ',
  '  ',
  '=',
  '+',
  '-',
  '@',
  "'",
  ';',
  '|',
  '\uFEFF',
  '\u00A0',
  '\u2028',
  'Spring Sale',
  'US',
  'ABO',
  '0',
  '12.5',
  '-3',
  '1e5',
  'Khuyến mãi Tết',
  'Hà Nội',
  'Київ — магазин',
  'Продаж',
  '東京',
  '🚀',
  '👩‍👩‍👧',
  'e\u0301',
  '=HYPERLINK("http://x")',
  '=cmd|x',
  'null',
  'undefined',
];
/** Starts that trip the formula guard, or only look like they might. */
const STARTS = ['=', '+', '-', '@', '\t', '\r', '\n', ' ', '"', "'", ',', '\uFEFF', '＝', '−', ''];

function randomText(random: Random): string {
  const r = random();
  if (r < 0.08) return '';
  let text = r < 0.45 ? pick(random, STARTS) : '';
  const pieces = Math.floor(random() * 6);
  for (let i = 0; i < pieces; i++) text += pick(random, FRAGMENTS);
  if (random() < 0.1) text += pick(random, [' ', '\t', '\r', '\n', '"', ',']);
  return text;
}

/**
 * Numbers whose `String()` is already a plain decimal (Papa writes numbers with `String()`; the exponent
 * forms `plainDecimal` rewrites are covered in csv.test.ts).
 */
function randomNumber(random: Random): number {
  const r = random();
  if (r < 0.1) return 0;
  if (r < 0.15) return -0;
  if (r < 0.25) return Math.floor(random() * Number.MAX_SAFE_INTEGER) * (random() < 0.5 ? -1 : 1);
  const places = Math.floor(random() * 7);
  const n = Math.round(random() * 1e6 * 10 ** places) / 10 ** places;
  return random() < 0.3 ? -n : n;
}

function randomValue(random: Random): CsvValue {
  const r = random();
  if (r < 0.08) return undefined;
  if (r < 0.16) return null;
  if (r < 0.4) return randomNumber(random);
  return randomText(random);
}

function randomRecord(random: Random): CsvValue[] {
  const width = 1 + Math.floor(random() * 12);
  return Array.from({ length: width }, () => randomValue(random));
}

/** CONTRACTS.md §1, written out here so the oracle does not share the writer's pattern. */
const CONTRACT_FORMULA = /^[=+\-@\t\r]/;

/** How the writer is meant to be read: Papa.unparse with the contract's formula guard and CRLF. */
const PAPA: Papa.UnparseConfig = { escapeFormulae: CONTRACT_FORMULA, newline: NEWLINE, header: false };
const papaRecord = (values: readonly CsvValue[]) => Papa.unparse([[...values]], PAPA);

const SEED = 20261122;
const RECORDS = 20_000;

describe('csvCell / csvRecord against Papa.unparse (seeded generated rows)', () => {
  it('the generator covers every case that matters', () => {
    const random = seeded(SEED);
    const seen = new Set<string>();
    for (let i = 0; i < RECORDS; i++)
      for (const v of randomRecord(random)) {
        if (v === undefined) seen.add('undefined');
        else if (v === null) seen.add('null');
        else if (typeof v === 'number') seen.add(v < 0 ? 'negative number' : 'number');
        else if (v === '') seen.add('empty');
        else {
          if (CONTRACT_FORMULA.test(v)) seen.add(`formula ${JSON.stringify(v[0])}`);
          for (const [name, re] of [
            ['comma', /,/],
            ['quote', /"/],
            ['CR', /\r/],
            ['LF', /\n/],
            ['tab inside', /.\t/],
            ['BOM', /\uFEFF/],
            ['edge space', /^ | $/],
            ['non-ASCII', /[^\x00-\x7F]/],
            ['formula after a line break', /^[=+\-@][^\r\n]*[\r\n]/],
          ] as const)
            if (re.test(v)) seen.add(name);
        }
      }
    expect([...seen].sort()).toEqual(
      [
        'undefined',
        'null',
        'number',
        'negative number',
        'empty',
        'formula "="',
        'formula "+"',
        'formula "-"',
        'formula "@"',
        'formula "\\t"',
        'formula "\\r"',
        'comma',
        'quote',
        'CR',
        'LF',
        'tab inside',
        'BOM',
        'edge space',
        'non-ASCII',
        'formula after a line break',
      ].sort(),
    );
  });

  it('writes the same bytes as Papa.unparse, record by record', () => {
    const random = seeded(SEED);
    for (let i = 0; i < RECORDS; i++) {
      const record = randomRecord(random);
      const ours = csvRecord(record);
      if (ours !== papaRecord(record))
        expect({ seed: SEED, record: i, values: record, ours }).toEqual({
          seed: SEED,
          record: i,
          values: record,
          ours: papaRecord(record),
        });
    }
  });

  it('writes the same bytes as Papa.unparse for a whole file of records (CRLF between them)', () => {
    const random = seeded(SEED + 1);
    const records = Array.from({ length: 2000 }, () => randomRecord(random));
    expect(records.map(csvRecord).join(NEWLINE)).toBe(Papa.unparse(records, PAPA));
  });

  it('reads back with Papa.parse into the same cells (guarded text with its leading quote)', () => {
    const random = seeded(SEED + 2);
    for (let i = 0; i < 5000; i++) {
      const record = randomRecord(random);
      const expected = record.map((v) =>
        typeof v === 'number'
          ? String(v === 0 ? 0 : v)
          : v === null || v === undefined
            ? ''
            : CONTRACT_FORMULA.test(v)
              ? `'${v}`
              : v,
      );
      // A leading key cell: a record of one empty cell is an empty line, which no CSV reader returns as a record.
      const parsed = Papa.parse<string[]>(csvRecord(['k', ...record]), { delimiter: ',', newline: NEWLINE });
      expect(parsed.errors, `record ${i}`).toEqual([]);
      expect(parsed.data, `record ${i}`).toEqual([['k', ...expected]]);
    }
  });

  it('quotes only where it must', () => {
    expect(csvCell('Spring Sale | US')).toBe('Spring Sale | US');
    expect(csvCell('Київ — магазин')).toBe('Київ — магазин');
    expect(csvCell('a\tb')).toBe('a\tb');
    expect(csvCell("it's")).toBe("it's");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
    expect(csvCell(' lead')).toBe('" lead"');
    expect(csvCell('trail ')).toBe('"trail "');
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell('=A1&"x"')).toBe(`"'=A1&""x"""`);
    expect(csvCell('\tx')).toBe(`"'\tx"`);
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('\nx')).toBe('"\nx"');
    expect(csvCell('')).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('writes numbers as plain decimals and never guards them; unknown numbers are empty', () => {
    expect(csvRecord([-3, -0.5, 1e-7, 1e21, -0, 0])).toBe('-3,-0.5,0.0000001,1000000000000000000000,0,0');
    expect(csvRecord([Number.NaN, Number.POSITIVE_INFINITY, null, undefined, 'x'])).toBe(',,,,x');
    expect(csvRecord(['-3'])).toBe(`"'-3"`);
  });
});

/** The writer as it was before it stopped calling Papa: Papa for the text segments, plainDecimal between. */
function papaCsvLine(s: Snapshot): string {
  const text = (cells: (string | null)[]) =>
    Papa.unparse([cells.map((c) => c ?? '')], {
      escapeFormulae: CONTRACT_FORMULA,
      newline: NEWLINE,
      header: false,
    });
  const nums = (values: (number | null | undefined)[]) => values.map(plainDecimal).join(',');
  const m = s.metrics;
  const d = derivedCsvValues(m);
  return [
    text([
      new Date(s.capturedAt).toISOString(),
      s.platform,
      s.accountId,
      s.accountName,
      s.level,
      s.entityId,
      s.entityName,
      s.dateStart,
      s.dateEnd,
      s.currency,
    ]),
    nums([m.spend, m.impressions, m.reach, m.clicks, m.conversions, m.conversionValue, m.leads]),
    nums([d.ctr, d.cpc, d.cpm, d.cvr, d.cpa, d.roas]),
    text([s.clickKind, s.resultType]),
    nums([m.results, m.budget]),
    text([s.currency === null ? null : s.currencySource, 'read']),
  ].join(',');
}

function randomMetric(random: Random): number | undefined {
  const r = random();
  if (r < 0.25) return undefined;
  if (r < 0.3) return 0;
  if (r < 0.35) return Math.round(random() * 1e9) * 1e-12; // tiny: exponent forms in derived columns
  if (r < 0.4) return -Math.round(random() * 1e4) / 100;
  return Math.round(random() * 10 ** Math.floor(random() * 10)) / 100;
}

function randomSnapshot(random: Random, i: number): Snapshot {
  const maybe = (text: string) => (random() < 0.15 ? null : text);
  const name = randomText(random);
  return {
    capturedAt: Math.floor(1_700_000_000_000 + random() * 1e11),
    platform: pick(random, PLATFORMS),
    accountId: randomText(random) || `act${i}`,
    accountName: maybe(randomText(random)),
    level: pick(random, LEVELS),
    entityKey: `e${i}`,
    entityId: maybe(randomText(random)),
    entityName: maybe(name),
    dateStart: maybe('2026-11-01'),
    dateEnd: maybe('2026-11-21'),
    currency: maybe(pick(random, ['USD', 'VND', 'UAH', 'EUR'])),
    currencySource: 'page',
    metrics: {
      spend: randomMetric(random),
      impressions: randomMetric(random),
      reach: randomMetric(random),
      clicks: randomMetric(random),
      conversions: randomMetric(random),
      conversionValue: randomMetric(random),
      leads: randomMetric(random),
      roasShown: random() < 0.2 ? randomMetric(random) : undefined,
      results: randomMetric(random),
      budget: randomMetric(random),
    },
    clickKind: random() < 0.15 ? null : pick(random, clickKindSchema.options),
    resultType: maybe(randomText(random)),
  };
}

describe('csvLine / csvText: the same bytes as when every text cell went through Papa.unparse', () => {
  it('matches line by line over generated snapshots', () => {
    const random = seeded(SEED + 3);
    for (let i = 0; i < 10_000; i++) {
      const s = randomSnapshot(random, i);
      const ours = csvLine(s);
      if (ours !== papaCsvLine(s))
        expect({ seed: SEED + 3, row: i, ours }).toEqual({ seed: SEED + 3, row: i, ours: papaCsvLine(s) });
    }
  });

  it('matches as a whole file: BOM, the header Papa writes, CRLF after every line', () => {
    const random = seeded(SEED + 4);
    const rows = Array.from({ length: 1000 }, (_, i) => randomSnapshot(random, i));
    const header = Papa.unparse([[...CSV_COLUMNS]], PAPA);
    expect(csvHeader()).toBe(header);
    expect(csvText(rows)).toBe(BOM + header + NEWLINE + rows.map((r) => papaCsvLine(r) + NEWLINE).join(''));
  });

  it('every line parses back to one record of the header width', () => {
    const random = seeded(SEED + 5);
    const rows = Array.from({ length: 2000 }, (_, i) => randomSnapshot(random, i));
    const parsed = Papa.parse<string[]>(csvText(rows).slice(1), {
      delimiter: ',',
      newline: NEWLINE,
      skipEmptyLines: true,
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(rows.length + 1);
    for (const record of parsed.data) expect(record).toHaveLength(CSV_COLUMNS.length);
    const nameAt = CSV_COLUMNS.indexOf('entity_name');
    rows.forEach((r, i) => {
      const name = r.entityName ?? '';
      expect(parsed.data[i + 1]![nameAt]).toBe(CONTRACT_FORMULA.test(name) ? `'${name}` : name);
    });
  });
});
