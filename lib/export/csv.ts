import Papa from 'papaparse';
import { derivedCsvValues } from '@/lib/kpi/formulas';
import type { Level, Platform, Snapshot } from '@/lib/model';
import { snapshotSchema } from '@/lib/model';
import type { KpiLensDb } from '@/lib/store/db';

/**
 * The snapshot CSV, version 1 (CONTRACTS.md §1): UTF-8 with BOM, RFC 4180, one row per entity per stored
 * snapshot, the contract's columns in its order, then extras. Numbers are plain decimals; empty = unknown.
 */

export const CSV_VERSION = 1;
export const BOM = '\uFEFF';
export const NEWLINE = '\r\n';

/** Columns the contract requires, in the contract's order. */
export const REQUIRED_COLUMNS = [
  'captured_at',
  'platform',
  'account_id',
  'account_name',
  'level',
  'entity_id',
  'entity_name',
  'date_start',
  'date_end',
  'currency',
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
] as const;

/** Extras after the contract's columns: what the numbers mean where the platform leaves room for doubt. */
export const EXTRA_COLUMNS = ['click_kind', 'result_type', 'results', 'budget'] as const;

export const CSV_COLUMNS = [...REQUIRED_COLUMNS, ...EXTRA_COLUMNS] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/**
 * A number as a plain decimal: `.` as the point, no grouping, never an exponent (`1e-7` →
 * `0.0000001`), the shortest digits that read back as the same double. Unknown → empty.
 */
export function plainDecimal(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  if (value === 0) return '0'; // also −0
  const text = String(value);
  if (text.indexOf('e') === -1) return text;
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, lead, fraction = '', exp] = match;
  const digits = lead! + fraction;
  const point = 1 + Number(exp); // position of the decimal point within `digits`
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Papa's `escapeFormulae` prefixes `'` to a text cell starting with = + - @ tab or CR (and quotes it). Its
 * default pattern (`/^[=+\-@\t\r].*$/`) misses a cell whose formula is followed by a line break, so the
 * pattern is given explicitly. It runs on text segments only: numeric cells are written by `plainDecimal`,
 * so a negative number stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const TEXT_CONFIG: Papa.UnparseConfig = { escapeFormulae: FORMULA_START, newline: NEWLINE, header: false };

function textSegment(cells: readonly (string | null)[]): string {
  return Papa.unparse([cells.map((c) => c ?? '')], TEXT_CONFIG);
}

function numberSegment(values: readonly (number | null | undefined)[]): string {
  return values.map(plainDecimal).join(',');
}

export function csvHeader(): string {
  return textSegment([...CSV_COLUMNS]);
}

/** One snapshot as one CSV line (no line break). Derived KPIs come from the row's own base metrics. */
export function csvLine(s: Snapshot): string {
  const m = s.metrics;
  const d = derivedCsvValues(m);
  return [
    textSegment([
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
    numberSegment([
      m.spend,
      m.impressions,
      m.reach,
      m.clicks,
      m.conversions,
      m.conversionValue,
      m.leads,
      d.ctr,
      d.cpc,
      d.cpm,
      d.cvr,
      d.cpa,
      d.roas,
    ]),
    textSegment([s.clickKind, s.resultType]),
    numberSegment([m.results, m.budget]),
  ].join(',');
}

/** The whole file for rows already in memory (small exports, tests). */
export function csvText(rows: Iterable<Snapshot>): string {
  let out = BOM + csvHeader() + NEWLINE;
  for (const row of rows) out += csvLine(row) + NEWLINE;
  return out;
}

export interface CsvFilter {
  platform?: Platform;
  accountId?: string;
  level?: Level;
  /** Capture time bounds (ms, inclusive). */
  from?: number;
  to?: number;
}

export function matchesFilter(s: Snapshot, f: CsvFilter): boolean {
  return (
    (f.platform === undefined || s.platform === f.platform) &&
    (f.accountId === undefined || s.accountId === f.accountId) &&
    (f.level === undefined || s.level === f.level) &&
    (f.from === undefined || s.capturedAt >= f.from) &&
    (f.to === undefined || s.capturedAt <= f.to)
  );
}

export interface CsvChunkOptions {
  /** Rows read from the database per step (default 5,000). */
  chunkSize?: number;
  /** Gives the page a turn between chunks so 200,000 rows never freeze it. */
  yieldToEventLoop?: () => Promise<void>;
  onProgress?(rowsWritten: number): void;
  signal?: AbortSignal;
}

export function defaultYield(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * The CSV as text parts, read from `snapshots` in primary-key order with keyset pagination (each step
 * starts after the last id seen, so a step costs the same at row 190,000 as at row 0). The first part is
 * the BOM and header. Rows that no longer parse are left out rather than exported as if read.
 */
export async function* csvParts(
  db: KpiLensDb,
  filter: CsvFilter = {},
  options: CsvChunkOptions = {},
): AsyncGenerator<string> {
  const chunkSize = options.chunkSize ?? 5000;
  const pause = options.yieldToEventLoop ?? defaultYield;
  yield BOM + csvHeader() + NEWLINE;
  let lastId = 0;
  let written = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const chunk = await db.snapshots.where(':id').above(lastId).limit(chunkSize).toArray();
    if (chunk.length === 0) return;
    lastId = chunk[chunk.length - 1]!.id!;
    let part = '';
    for (const raw of chunk) {
      const parsed = snapshotSchema.safeParse(raw);
      if (!parsed.success || !matchesFilter(parsed.data, filter)) continue;
      part += csvLine(parsed.data) + NEWLINE;
      written += 1;
    }
    if (part) yield part;
    options.onProgress?.(written);
    if (chunk.length < chunkSize) return;
    await pause();
  }
}

/** The CSV as a Blob (the parts are kept as they are: no one giant string is built). */
export async function csvBlob(db: KpiLensDb, filter: CsvFilter = {}, options: CsvChunkOptions = {}) {
  const parts: string[] = [];
  for await (const part of csvParts(db, filter, options)) parts.push(part);
  return new Blob(parts, { type: 'text/csv;charset=utf-8' });
}

export function csvFileName(now: number): string {
  return `kpi-lens-snapshots-${new Date(now).toISOString().slice(0, 10)}.csv`;
}
