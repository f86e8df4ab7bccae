// In-page benchmarks of KPI Lens's own lib/ code, bundled with esbuild and run in a Chromium page at a routed
// https URL (so IndexedDB behaves as on a real site). Every function measures one thing and its baseline on
// the same data, and returns plain numbers; scripts/bench/rows/*.mjs call them and take the medians.
import { requestSchema, type Request } from '@/lib/messages';
import type { Snapshot, TableReading } from '@/lib/model';
import { metaAdapter } from '@/lib/platforms/meta';
import { csvBlob } from '@/lib/export/csv';
import { KpiLensDb, SCHEMA_V3 } from '@/lib/store/db';
import { entitySeries, snapshotsOf, storeReading } from '@/lib/store/snapshots';
import { historyEndDay, historyEntities, historySnapshots } from '../data.mjs';
import { fullTableHtml, META_ACCOUNT, META_URL, rowData, TABLE_CSS } from './meta-table';

const gc = (globalThis as { gc?: () => void }).gc;
function heap(): number {
  return (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN;
}

// ---------------------------------------------------------------------------------------------------------
// Row 1: full read of a Meta-like table

function buildTable(rows: number, seed: number): { elements: number; cells: number } {
  const style = document.createElement('style');
  style.textContent = TABLE_CSS;
  document.head.append(style);
  document.documentElement.lang = 'en';
  document.body.insertAdjacentHTML('beforeend', fullTableHtml(rows, seed));
  return {
    elements: document.getElementsByTagName('*').length,
    cells: document.querySelectorAll('[data-surface*="/table_cell:"]').length,
  };
}

/** The adapter's full read (what the content script does on every settled change). */
function readWithAdapter(): { ms: number; rows: number; status: string } {
  const url = new URL(META_URL);
  const t0 = performance.now();
  const reading = metaAdapter.read(document, url, { accountCurrency: () => null });
  const ms = performance.now() - t0;
  return { ms, rows: reading.rows.length, status: reading.health.status };
}

/** Baseline: a plain loop reading every cell's textContent. */
function readPlain(): { ms: number; cells: number } {
  const t0 = performance.now();
  const out: string[] = [];
  for (const cell of document.querySelectorAll('[data-surface*="/table_cell:"]'))
    out.push(cell.textContent ?? '');
  const ms = performance.now() - t0;
  return { ms, cells: out.length };
}

// ---------------------------------------------------------------------------------------------------------
// Row 3: storing one reading (validate + dedupe + write), without the message hop

function readingOf(rows: number, seed: number): TableReading {
  return {
    context: {
      platform: 'meta',
      accountId: META_ACCOUNT,
      accountName: 'Northwind Outdoor – US',
      level: 'campaign',
      dateStart: '2026-11-01',
      dateEnd: '2026-11-21',
      currency: 'USD',
      currencySource: 'page',
      uiLocale: 'en',
    },
    rows: Array.from({ length: rows }, (_, i) => {
      const d = rowData(seed, i);
      const n = (col: number) => {
        const text = d.cells[col];
        return text && text !== '—' ? Number(text.replace(/[$,%]/g, '')) : undefined;
      };
      const metrics = Object.fromEntries(
        Object.entries({
          spend: n(11),
          impressions: n(13),
          reach: n(8),
          clicks: n(15),
          conversions: n(20),
          conversionValue: n(21),
          roasShown: n(22),
          results: n(7),
          budget: n(5),
        }).filter(([, v]) => v !== undefined),
      );
      return {
        entityId: d.id,
        entityName: d.name,
        metrics,
        clickKind: 'link' as const,
        resultType: 'Website purchases',
      };
    }),
    health: { status: 'recognised' },
    coverage: { read: rows, total: rows },
  };
}

let storeRun = 0;

async function deleteDb(name: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
    req.onblocked = () => resolve();
  });
}

/** The background's path for one reading: parse the message, then storeReading into a fresh database. */
async function storeWithKpiLens(rows: number, seed: number): Promise<{ ms: number; stored: number }> {
  const name = `bench-store-${++storeRun}`;
  const db = new KpiLensDb(name);
  await db.open();
  const message: Request = {
    type: 'snapshot:submit',
    readingId: `bench-${storeRun}`,
    reading: readingOf(rows, seed),
  };
  // The message arrives structured-cloned; a clone here keeps the parse from seeing a warm object.
  const raw = structuredClone(message);
  const t0 = performance.now();
  const parsed = requestSchema.parse(raw);
  if (parsed.type !== 'snapshot:submit') throw new Error('unexpected message');
  const outcome = await storeReading(db, parsed.reading, Date.now());
  const ms = performance.now() - t0;
  db.close();
  await deleteDb(name);
  return { ms, stored: outcome.stored };
}

/** Opens a database with the same `snapshots` store and indexes as KPI Lens's, created by hand. */
function openRawDb(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => {
      const store = req.result.createObjectStore('snapshots', { keyPath: 'id', autoIncrement: true });
      for (const spec of SCHEMA_V3.snapshots.split(',').slice(1)) {
        const index = spec.trim();
        const keyPath = index.startsWith('[') ? index.slice(1, -1).split('+') : index;
        store.createIndex(index, keyPath);
      }
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Baseline: the same rows, as stored, put into a store with the same indexes in one transaction. */
async function storeRaw(rows: number, seed: number): Promise<{ ms: number; stored: number }> {
  const name = `bench-raw-${++storeRun}`;
  const db = await openRawDb(name);
  const snapshots = snapshotsOf(readingOf(rows, seed), Date.now());
  if (typeof snapshots === 'string') throw new Error(snapshots);
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('snapshots', 'readwrite');
    const store = tx.objectStore('snapshots');
    for (const s of snapshots) store.put(s);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  const ms = performance.now() - t0;
  db.close();
  await deleteDb(name);
  return { ms, stored: snapshots.length };
}

// ---------------------------------------------------------------------------------------------------------
// Rows 5 and 6: a history database (series query, CSV export)

const HISTORY_DB = 'bench-history';
let history: KpiLensDb | null = null;
let rawHistory: IDBDatabase | null = null;
let seriesEntity: [string, string, string, string] | null = null;

async function seedHistory(opts: {
  campaigns: number;
  days: number;
  rows: number;
  seed: number;
}): Promise<{ rows: number; ms: number }> {
  await deleteDb(HISTORY_DB);
  history = new KpiLensDb(HISTORY_DB);
  await history.open();
  const t0 = performance.now();
  let batch: Snapshot[] = [];
  let total = 0;
  const endDay = historyEndDay();
  for (const s of historySnapshots({ ...opts, endDay, limit: opts.rows })) {
    batch.push(s);
    if (batch.length === 10_000) {
      await history.snapshots.bulkAdd(batch);
      total += batch.length;
      batch = [];
    }
  }
  if (batch.length) await history.snapshots.bulkAdd(batch);
  total += batch.length;
  seriesEntity = historyEntities(opts.campaigns)[0] as [string, string, string, string];
  rawHistory = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(HISTORY_DB);
    req.onsuccess = () => {
      // A later run deletes this database; an open connection must not block it.
      req.result.onversionchange = () => req.result.close();
      resolve(req.result);
    };
    req.onerror = () => reject(req.error);
  });
  return { rows: total, ms: performance.now() - t0 };
}

/** One entity's series through the store (`entitySeries`), `repeat` times; ms per query. */
async function seriesWithKpiLens(repeat: number): Promise<{ ms: number; points: number }> {
  const [platform, accountId, level, entityKey] = seriesEntity!;
  let points = 0;
  const t0 = performance.now();
  for (let i = 0; i < repeat; i++) {
    const rows = await entitySeries(
      history!,
      platform as 'meta',
      accountId,
      level as 'campaign',
      entityKey,
      500,
    );
    points = rows.length;
  }
  return { ms: (performance.now() - t0) / repeat, points };
}

/** Baseline: a raw range read of the same compound index. */
async function seriesRaw(repeat: number): Promise<{ ms: number; points: number }> {
  const prefix = seriesEntity!;
  const range = IDBKeyRange.bound([...prefix, -Infinity], [...prefix, Infinity]);
  let points = 0;
  const t0 = performance.now();
  for (let i = 0; i < repeat; i++) {
    points = await new Promise<number>((resolve, reject) => {
      const req = rawHistory!
        .transaction('snapshots')
        .objectStore('snapshots')
        .index('[platform+accountId+level+entityKey+capturedAt]')
        .getAll(range);
      req.onsuccess = () => resolve(req.result.length);
      req.onerror = () => reject(req.error);
    });
  }
  return { ms: (performance.now() - t0) / repeat, points };
}

/** The CSV export as the options page runs it (chunked, yielding), with the JS heap sampled per chunk. */
async function csvWithKpiLens(): Promise<{ ms: number; rows: number; bytes: number; heapGrowth: number }> {
  gc?.();
  const start = heap();
  let peak = start;
  let rows = 0;
  const t0 = performance.now();
  const blob = await csvBlob(
    history!,
    {},
    {
      onProgress: (n) => {
        rows = n;
        peak = Math.max(peak, heap());
      },
    },
  );
  const ms = performance.now() - t0;
  peak = Math.max(peak, heap());
  return { ms, rows, bytes: blob.size, heapGrowth: peak - start };
}

/** Baseline: reading the same rows from IndexedDB in the same keyset-paginated chunks. */
async function csvRaw(): Promise<{ ms: number; rows: number; heapGrowth: number }> {
  gc?.();
  const start = heap();
  let peak = start;
  let rows = 0;
  let lastId = 0;
  const t0 = performance.now();
  for (;;) {
    const chunk = await new Promise<{ id: number }[]>((resolve, reject) => {
      const req = rawHistory!
        .transaction('snapshots')
        .objectStore('snapshots')
        .getAll(IDBKeyRange.lowerBound(lastId, true), 5000);
      req.onsuccess = () => resolve(req.result as { id: number }[]);
      req.onerror = () => reject(req.error);
    });
    if (chunk.length === 0) break;
    rows += chunk.length;
    lastId = chunk[chunk.length - 1]!.id;
    peak = Math.max(peak, heap());
    if (chunk.length < 5000) break;
  }
  return { ms: performance.now() - t0, rows, heapGrowth: peak - start };
}

const api = {
  buildTable,
  readWithAdapter,
  readPlain,
  storeWithKpiLens,
  storeRaw,
  seedHistory,
  seriesWithKpiLens,
  seriesRaw,
  csvWithKpiLens,
  csvRaw,
  hasPreciseMemory: () => Number.isFinite(heap()),
};
export type BenchLab = typeof api;
(window as unknown as { kpiBench: BenchLab }).kpiBench = api;
