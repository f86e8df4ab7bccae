import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BackupError, exportBackup, importBackup, parseBackup, snapshotIdentity } from '@/lib/store/backup';
import type { KpiLensDb } from '@/lib/store/db';
import { runRollup } from '@/lib/store/daily';
import {
  SETTINGS_VERSION,
  loadSettings,
  saveSettings,
  settingsSchema,
  type Settings,
} from '@/lib/store/settings';
import { storeReading } from '@/lib/store/snapshots';
import { saveTarget } from '@/lib/store/targets';
import { freshDb, reading, row } from './make';

/**
 * Fuzzing the backup import (fast-check, fixed seed per test, named in the title). A damaged file, whatever
 * the damage (cut short, a bit flipped, another format version, too large, a value of the wrong type or
 * size anywhere in it), is refused with a BackupError that says what is wrong, and the store is exactly as it
 * was: every table and the stored settings are dumped before and after and compared. A mutation that happens
 * to leave a valid backup (a flipped digit) may import; it must then import whole (every snapshot and target of
 * the file is in the store). Files are also read from bytes as the options page reads them (`file.text()`): cut
 * inside a multi-byte character, empty, binary, a CSV export or other JSON are refused the same way.
 */

const T0 = Date.UTC(2026, 10, 1, 10);
const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 22, 12);
const SETTINGS: Settings = settingsSchema.parse({
  version: SETTINGS_VERSION,
  accountCurrencies: { 'meta:1234567890': 'USD' },
  margin: 0.3,
});

/**
 * The messages parseBackup gives; anything else (a TypeError, a Dexie error) is not a clear error. The JSON
 * parser's own words may quote the file, line breaks included (`s`).
 */
const CLEAR =
  /^(This file is not valid JSON \(.+\)\.|This file is not a KPI Lens backup\.|This backup was made by a newer KPI Lens \(format version .+\); update the extension first\.|This backup is damaged: .+\. Nothing was imported\.|This file is too large .+)$/s;

async function populate(db: KpiLensDb, names: readonly string[]): Promise<void> {
  await saveTarget(db, {
    id: 'cpa-account',
    scope: { kind: 'account', platform: 'meta', accountId: '1234567890' },
    kpi: 'cpa',
    value: 25,
    currency: 'USD',
  });
  for (let i = 0; i < 3; i++) {
    await storeReading(
      db,
      reading(
        names.map((name, j) =>
          row(String(j + 1), { spend: 100 + i + j, clicks: 40 + i, conversions: 3 }, { entityName: name }),
        ),
      ),
      T0 + i * 5 * HOUR,
    );
  }
  await storeReading(
    db,
    reading([row('g1', { spend: 9.99 })], { platform: 'google', accountId: '123-456-7890', currency: 'UAH' }),
    T0,
  );
  await runRollup(db, { dayOf: (ms) => new Date(ms).toISOString().slice(0, 10) });
}

/** Every table of the database, in key order, and the stored settings and storage. */
async function dump(db: KpiLensDb): Promise<string> {
  const tables: Record<string, unknown> = {};
  for (const table of db.tables) tables[table.name] = await table.toArray();
  return JSON.stringify({
    tables,
    settings: await loadSettings(),
    storage: await fakeBrowser.storage.local.get(null),
  });
}

/** The options page's import path: parse, then import. */
async function importText(db: KpiLensDb, text: string): Promise<'imported' | 'refused'> {
  let backup;
  try {
    backup = parseBackup(text);
  } catch (error) {
    expect(error).toBeInstanceOf(BackupError);
    expect((error as Error).message).toMatch(CLEAR);
    return 'refused';
  }
  await importBackup(db, backup, { currentSettings: await loadSettings(), saveSettings });
  // Imported means imported whole: every snapshot and target of the file is in the store now.
  const stored = new Set((await db.snapshots.toArray()).map(snapshotIdentity));
  expect(backup.snapshots.filter((s) => !stored.has(snapshotIdentity(s)))).toEqual([]);
  const targetIds = new Set((await db.targets.toArray()).map((t) => t.id));
  expect(backup.targets.filter((t) => !targetIds.has(t.id))).toEqual([]);
  return 'imported';
}

/** Imports `text` into the target store; a refusal must leave the store byte for byte as it was. */
async function expectRefusedUnchanged(db: KpiLensDb, text: string, mustRefuse: boolean): Promise<void> {
  const before = await dump(db);
  const outcome = await importText(db, text);
  if (mustRefuse) expect(outcome).toBe('refused');
  if (outcome === 'refused') expect(await dump(db)).toBe(before);
}

let source: KpiLensDb;
let target: KpiLensDb;
let text: string;
let json: Record<string, unknown>;

beforeAll(async () => {
  fakeBrowser.reset();
  source = freshDb();
  await populate(source, ['=HYPERLINK("x") — кампанія', 'Spring "Sale", 50%', 'حملة 🚀 ad']);
  text = await exportBackup(source, SETTINGS, NOW);
  json = JSON.parse(text);
  // The store the damaged files are imported into already holds data of its own.
  target = freshDb();
  await saveSettings(
    settingsSchema.parse({ version: SETTINGS_VERSION, accountCurrencies: { 'tiktok:77': 'VND' } }),
  );
  await populate(target, ['Existing campaign']);
}, 60_000);
afterAll(async () => {
  await source.delete();
  await target.delete();
});

/** Where in the document a mutation lands: a path to any value of the valid backup. */
function allPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [path];
  if (Array.isArray(value)) value.slice(0, 3).forEach((v, i) => out.push(...allPaths(v, [...path, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...allPaths(v, [...path, k]));
  return out;
}

function setAt(doc: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(doc);
  if (path.length === 0) return value;
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

describe('backup import fuzzing (fast-check)', () => {
  it('refuses every truncated file and leaves the store as it was (seed 16201)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: text.length - 1 }), async (cut) => {
        await expectRefusedUnchanged(target, text.slice(0, cut), true);
      }),
      { seed: 16_201, numRuns: 60 },
    );
  }, 30_000);

  it('refuses a bit-flipped file or imports it whole, never half (seed 16202)', async () => {
    const bytes = new TextEncoder().encode(text);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 0, max: 7 })), {
          minLength: 1,
          maxLength: 3,
        }),
        async (flips) => {
          const damaged = bytes.slice();
          for (const [at, bit] of flips) damaged[at]! ^= 1 << bit;
          await expectRefusedUnchanged(target, new TextDecoder().decode(damaged), false);
        },
      ),
      { seed: 16_202, numRuns: 60 },
    );
  }, 30_000);

  it('refuses any other format version with a clear message (seed 16203)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.integer().filter((v) => v !== 1),
          fc.double().filter((v) => v !== 1),
          fc.constantFrom(null, '1', true, [], {}, undefined),
        ),
        async (version) => {
          await expectRefusedUnchanged(target, JSON.stringify(setAt(json, ['version'], version)), true);
        },
      ),
      { seed: 16_203, numRuns: 60 },
    );
  }, 30_000);

  it('refuses oversized values (long names and ids, huge or non-finite numbers) (seed 16204)', async () => {
    const paths = allPaths(json).filter(
      (p) =>
        p[0] === 'snapshots' &&
        ['entityName', 'entityKey', 'accountId', 'entityId'].includes(String(p.at(-1))),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.integer({ min: 1_200, max: 20_000 }),
        fc.constantFrom('x', 'é', '🚀', '"', '\n'),
        async (path, length, unit) => {
          await expectRefusedUnchanged(target, JSON.stringify(setAt(json, path, unit.repeat(length))), true);
        },
      ),
      { seed: 16_204, numRuns: 40 },
    );
    // A number JSON cannot hold (1e400 parses as Infinity) and a file over the size limit.
    const huge = text.replace(/"spend":[\d.]+/, '"spend":1e400');
    await expectRefusedUnchanged(target, huge, true);
    const before = await dump(target);
    expect(() => parseBackup(text + ' '.repeat(64), text.length + 63)).toThrow(/^This file is too large /);
    expect(await dump(target)).toBe(before);
  }, 30_000);

  it('refuses a value of the wrong type or shape anywhere, or imports a still-valid file whole (seed 16205)', async () => {
    const paths = allPaths(json);
    const wrong = fc.oneof(
      fc.constant(undefined), // key removed
      fc.constantFrom(null, '', -1, 0, 1.5, 'USD', true, [], {}, '2026-13-45', -1e20),
      fc.jsonValue({ maxDepth: 2 }),
    );
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), wrong, async (path, value) => {
        const before = await dump(target);
        const outcome = await importText(target, JSON.stringify(setAt(json, path, value)));
        if (outcome === 'refused') {
          refused++;
          expect(await dump(target)).toBe(before);
        }
      }),
      { seed: 16_205, numRuns: 150 },
    );
    // Most of these mutations break the schema: the property must not pass by importing everything.
    expect(refused).toBeGreaterThan(50);
  }, 60_000);

  // The options page reads the chosen file with `file.text()`: UTF-8, a leading BOM dropped, broken sequences
  // replaced. These go the same way, from bytes.
  const fileText = (bytes: Uint8Array) => new Blob([new Uint8Array(bytes)]).text();

  it('refuses a file cut short at any byte (inside a multi-byte character too) (seed 16206)', async () => {
    const bytes = new TextEncoder().encode(text);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: bytes.length - 1 }), async (cut) => {
        await expectRefusedUnchanged(target, await fileText(bytes.slice(0, cut)), true);
      }),
      { seed: 16_206, numRuns: 40 },
    );
  }, 30_000);

  it('refuses files of another kind: empty, binary, a CSV export, other JSON (seed 16207)', async () => {
    const csv = '\ufeffcaptured_at,platform,account_id\r\n2026-11-22T10:32:05.123Z,meta,1234567890\r\n';
    const other = fc.oneof(
      fc.uint8Array({ maxLength: 2_000 }),
      fc
        .constantFrom('', ' ', '\ufeff', 'null', '[]', '{}', '"kpi-lens-backup"', csv)
        .map((t) => new TextEncoder().encode(t)),
      fc.jsonValue({ maxDepth: 3 }).map((v) => new TextEncoder().encode(JSON.stringify(v))),
    );
    await fc.assert(
      fc.asyncProperty(other, async (bytes) => {
        await expectRefusedUnchanged(target, await fileText(bytes), true);
      }),
      { seed: 16_207, numRuns: 60 },
    );
  }, 30_000);

  it('imports a valid backup saved with a byte-order mark, as a file, like the one without', async () => {
    const bytes = new TextEncoder().encode('\ufeff' + text);
    const withBom = await fileText(bytes);
    expect(parseBackup(withBom)).toEqual(parseBackup(text));
  });
});
