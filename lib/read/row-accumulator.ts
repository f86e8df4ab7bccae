import { entityKeyOf, type EntityRow, type Health, type TableReading } from '../model';

/**
 * Virtualised tables (Meta renders only the visible 46 px rows and recycles their elements as the user
 * scrolls) show a different window of rows on each read. A RowAccumulator keeps every row seen in the same
 * view, keyed by entity, so the content script can send the union instead of only the visible window.
 *
 * Pure: no DOM, no timers. A reading of another view (platform, account, level, date range or URL) starts
 * over, so rows of an old view never leak into a new one.
 */
export interface RowAccumulator {
  /** Adds one reading of `url`; returns the reading with every row seen in this view so far. */
  add(reading: TableReading, url: string | URL): TableReading;
  /** Forgets everything (e.g. on in-app navigation). */
  reset(): void;
  /** Rows held for the current view. */
  readonly size: number;
}

/** Prefix of the `partial` health note about rows that the table counts but that were not read. */
export const ROWS_NOTE_PREFIX = 'rows: read ';

/** `rows: read 12 of 60` when the table's own count says more rows exist than were read, else null. */
export function rowsMissingNote(coverage: { read: number; total: number | null }): string | null {
  return coverage.total !== null && coverage.read < coverage.total
    ? `${ROWS_NOTE_PREFIX}${coverage.read} of ${coverage.total}`
    : null;
}

/** What identifies a view: the same table of the same account, level, date range and address. */
export function viewKeyOf(reading: TableReading, url: string | URL): string {
  const { platform, accountId, level, dateStart, dateEnd } = reading.context;
  const u = new URL(String(url));
  u.hash = '';
  return JSON.stringify([platform, accountId, level, dateStart, dateEnd, u.href]);
}

const MAX_ROWS = 20000;

export function createRowAccumulator(): RowAccumulator {
  let view: string | null = null;
  let rows = new Map<string, EntityRow>();

  return {
    get size() {
      return rows.size;
    },
    reset() {
      view = null;
      rows = new Map();
    },
    add(reading, url) {
      const key = viewKeyOf(reading, url);
      if (key !== view) {
        view = key;
        rows = new Map();
      }
      // A reading that recognised nothing (table reloading, level switch in flight) neither adds nor erases.
      if (reading.health.status === 'not-recognised') return reading;

      const keyless: EntityRow[] = [];
      for (const row of reading.rows) {
        const entity = entityKeyOf(row);
        if (!entity) {
          keyless.push(row);
          continue;
        }
        // The latest numbers win; Map keeps first-seen order for existing keys.
        const held = rows.get(entity);
        if (held) rows.set(entity, mergedRow(held, row));
        else if (rows.size < MAX_ROWS) rows.set(entity, row);
      }
      const union = [...rows.values(), ...keyless].slice(0, MAX_ROWS);
      const coverage = { read: union.length, total: reading.coverage.total };
      return { ...reading, rows: union, coverage, health: healthWith(reading.health, coverage) };
    },
  };
}

/**
 * One entity seen twice in the same view: the newer reading's numbers win, and a metric it does not have
 * keeps the value read earlier in this view. Meta virtualises columns too: a column scrolled off screen
 * has no cell in that reading, so its metric is unknown there; the union fills it in as the user scrolls
 * sideways. (A new view — other range, level, account or address — starts over, so nothing carries over
 * from another time.) The newer row object is kept as is when it lacks nothing, so its serialisation is
 * cached once (lib/content/page-reader.ts).
 */
export function mergedRow(older: EntityRow, newer: EntityRow): EntityRow {
  let filled: EntityRow['metrics'] | null = null;
  for (const key of Object.keys(older.metrics) as (keyof EntityRow['metrics'])[]) {
    if (newer.metrics[key] !== undefined || older.metrics[key] === undefined) continue;
    filled ??= { ...newer.metrics };
    filled[key] = older.metrics[key];
  }
  const clickKind = newer.clickKind ?? older.clickKind;
  const resultType = newer.resultType ?? older.resultType;
  const entityName = newer.entityName ?? older.entityName;
  if (
    !filled &&
    clickKind === newer.clickKind &&
    resultType === newer.resultType &&
    entityName === newer.entityName
  )
    return newer;
  return { ...newer, entityName, metrics: filled ?? newer.metrics, clickKind, resultType };
}

/** The reading's own health with its rows note recomputed for the union. */
function healthWith(health: Health, coverage: { read: number; total: number | null }): Health {
  if (health.status === 'not-recognised') return health;
  const missing =
    health.status === 'partial' ? health.missing.filter((m) => !m.startsWith(ROWS_NOTE_PREFIX)) : [];
  const note = rowsMissingNote(coverage);
  if (note) missing.push(note);
  return missing.length ? { status: 'partial', missing } : { status: 'recognised' };
}
