import { derivedCsvValues } from '@/lib/kpi/formulas';
import type { Level, Platform, Snapshot } from '@/lib/model';
import { snapshotSchema } from '@/lib/model';
import type { KpiLensDb } from '@/lib/store/db';
import { parseLatestSets, rowsOfSets } from '@/lib/store/latest';
import { derivedDailyRows } from '@/lib/kpi/derived-daily';
import { accountCurrencyOf, effectiveCurrency, type AccountCurrencies } from '@/lib/kpi/currency-policy';

/**
 * The snapshot CSV, version 1 (CONTRACTS.md §1): UTF-8 with BOM, RFC 4180, one row per entity per stored
 * snapshot, the contract's columns in its order, then extras. Numbers are plain decimals; empty = unknown.
 */

export const CSV_VERSION = 1;
export const BOM = '\uFEFF';
export const NEWLINE = '\r\n';
const CSV_MIME = 'text/csv;charset=utf-8';

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

/**
 * Extras after the contract's columns: what the numbers mean where the platform leaves room for doubt.
 * `currency_source` (added to v1, additive): where `currency` came from — `page`, `account` (the user's
 * setting for the account), `assumed` (a bare `$` read as USD, …), empty when the currency is unknown.
 * `value_source` (added to v1, additive): see `ValueSource`.
 */
export const EXTRA_COLUMNS = [
  'click_kind',
  'result_type',
  'results',
  'budget',
  'currency_source',
  'value_source',
] as const;

/**
 * `value_source` (added to v1, additive): `read` — the numbers as the page showed them (a range, or one day
 * of a table segmented by day); `derived` — one day's spend, clicks and conversions worked out as the
 * difference of two readings of the same-start range one day apart (lib/kpi/derived-daily.ts), never read.
 */
export type ValueSource = 'read' | 'derived';

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
 * Writing is done here rather than with Papa.unparse: two Papa calls per row were ~1 s of an 8 s export of
 * 200,000 rows, and even one call per 5,000-row chunk formats 3.5× slower than this (~700 ms against ~200 ms
 * for 200,000 rows in Node); the extension reads no CSV, so the library would ship only for this. The rules
 * below are the ones Papa.unparse 5 applies with `escapeFormulae`; test/export/csv-quoting.test.ts checks the
 * bytes against Papa (kept as a test dependency, the oracle) over generated cells, so the two cannot drift.
 *
 * Formula guard (CONTRACTS.md §1): a text cell starting with = + - @ tab or CR gets a leading `'` and quotes.
 * Papa's default pattern (`/^[=+\-@\t\r].*$/`) misses a formula followed by a line break; this one does not.
 * Numbers never pass through it (they are written by `plainDecimal`), so a negative number stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
/** RFC 4180 needs quotes for a comma, quote, CR or LF; Papa also quotes a BOM and an edge space. */
const NEEDS_QUOTES = /[",\r\n\uFEFF]|^ | $/;
const QUOTE = /"/g;

/** One text cell, quoted and guarded. Unknown (null/undefined) → empty. */
export function csvCell(text: string | null | undefined): string {
  if (text === null || text === undefined || text === '') return '';
  if (FORMULA_START.test(text)) return `"'${text.replace(QUOTE, '""')}"`;
  if (NEEDS_QUOTES.test(text)) return `"${text.replace(QUOTE, '""')}"`;
  return text;
}

/** A CSV value: text is quoted and guarded, a number is written as a plain decimal, unknown is empty. */
export type CsvValue = string | number | null | undefined;

/** One record (no line break). */
export function csvRecord(values: readonly CsvValue[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    out += typeof v === 'number' ? plainDecimal(v) : csvCell(v);
  }
  return out;
}

const HEADER = csvRecord(CSV_COLUMNS);

export function csvHeader(): string {
  return HEADER;
}

/**
 * One snapshot as one CSV line (no line break). Derived KPIs come from the row's own base metrics. The
 * currency is the best known one: the account's setting now applies to rows the page named none for
 * (lib/kpi/currency-policy.ts).
 */
export function csvLine(
  s: Snapshot,
  accountCurrencies: AccountCurrencies = {},
  valueSource: ValueSource = 'read',
): string {
  const m = s.metrics;
  const best = effectiveCurrency(s, accountCurrencyOf(accountCurrencies, s.platform, s.accountId));
  const d = derivedCsvValues(m);
  // In CSV_COLUMNS order.
  return csvRecord([
    new Date(s.capturedAt).toISOString(),
    s.platform,
    s.accountId,
    s.accountName,
    s.level,
    s.entityId,
    s.entityName,
    s.dateStart,
    s.dateEnd,
    best.currency,
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
    s.clickKind,
    s.resultType,
    m.results,
    m.budget,
    best.currency === null ? null : best.currencySource,
    valueSource,
  ]);
}

export { derivedDailyRows };

/** The whole file for rows already in memory (small exports, tests). */
export function csvText(rows: Iterable<Snapshot>, accountCurrencies: AccountCurrencies = {}): string {
  let out = BOM + csvHeader() + NEWLINE;
  for (const row of rows) out += csvLine(row, accountCurrencies) + NEWLINE;
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
  /** The user's per-account currencies (settings), applied to rows whose page named none. */
  accountCurrencies?: AccountCurrencies;
}

export function defaultYield(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * The CSV as text parts, read from `snapshots` in primary-key order with keyset pagination (each step
 * starts after the last id seen, so a step costs the same at row 190,000 as at row 0). The first part is
 * the BOM and header. Rows that no longer parse are left out rather than exported as if read.
 *
 * The next chunk is requested before this one is written: IndexedDB reads it in the browser process while
 * the page formats, so the export waits for the database only once instead of once per chunk.
 */
export async function* csvParts(
  db: KpiLensDb,
  filter: CsvFilter = {},
  options: CsvChunkOptions = {},
): AsyncGenerator<string> {
  const chunkSize = options.chunkSize ?? 5000;
  const pause = options.yieldToEventLoop ?? defaultYield;
  const read = (afterId: number) => db.snapshots.where(':id').above(afterId).limit(chunkSize).toArray();
  yield BOM + csvHeader() + NEWLINE;
  let written = 0;
  let next: ReturnType<typeof read> | null = null;
  try {
    options.signal?.throwIfAborted();
    next = read(0);
    for (;;) {
      const chunk: Snapshot[] = await next;
      if (chunk.length === 0) break;
      options.signal?.throwIfAborted();
      next = chunk.length === chunkSize ? read(chunk[chunk.length - 1]!.id!) : null;
      let part = '';
      for (const raw of chunk) {
        const parsed = snapshotSchema.safeParse(raw);
        if (!parsed.success || !matchesFilter(parsed.data, filter)) continue;
        part += csvLine(parsed.data, options.accountCurrencies) + NEWLINE;
        written += 1;
      }
      if (part) yield part;
      options.onProgress?.(written);
      if (!next) break;
      await pause();
    }
    // Then the derived days, marked as such (value_source), from the newest reading of each range.
    const newest = rowsOfSets(parseLatestSets(await db.latestSets.toArray()));
    let derived = '';
    for (const row of derivedDailyRows(newest.filter((r) => matchesFilter(r, filter))))
      derived += csvLine(row, options.accountCurrencies, 'derived') + NEWLINE;
    if (derived) yield derived;
  } finally {
    // Stopped early (abort, a throwing consumer): the read in flight has no one left to report a failure to.
    next?.catch(() => {});
  }
}

/**
 * The CSV as a Blob. Each chunk becomes a Blob as soon as it is written, so its bytes leave the JS heap (the
 * browser keeps Blob data outside it) and its string can be collected: holding every chunk's string for one
 * `new Blob(parts)` at the end grew the heap by ~190 MB for 200,000 rows. The outer Blob references the
 * chunk Blobs without copying them.
 */
export async function csvBlob(
  db: KpiLensDb,
  filter: CsvFilter = {},
  options: CsvChunkOptions = {},
): Promise<Blob> {
  const parts: Blob[] = [];
  for await (const part of csvParts(db, filter, options)) parts.push(new Blob([part]));
  return new Blob(parts, { type: CSV_MIME });
}

export function csvFileName(now: number): string {
  return `kpi-lens-snapshots-${new Date(now).toISOString().slice(0, 10)}.csv`;
}
