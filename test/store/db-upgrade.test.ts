import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { knownAccounts } from '@/lib/store/accounts';
import { currentLatestRows } from '@/lib/store/current';
import {
  DB_VERSION,
  KpiLensDb,
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3,
  withLegacyCurrencySource,
} from '@/lib/store/db';
import { csvText } from '@/lib/export/csv';
import { latestKeyOf, rangeKeyOf } from '@/lib/store/keys';
import type { Snapshot } from '@/lib/model';
import { accountRange } from '@/lib/store/snapshots';
import { latestRows } from '@/lib/store/latest';
import { dailySeries, runRollup } from '@/lib/store/daily';
import example from './examples/db-v1.json';
import v2 from './examples/db-v2.json';
import v3 from './examples/db-v3.json';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** Writes the stored v1 example with a Dexie that knows only version 1, as an old build would have. */
async function writeV1Example(): Promise<string> {
  const name = `kpi-lens-v1-example-${names.length}-${Date.now()}`;
  names.push(name);
  const old = new Dexie(name);
  old.version(example.dexieVersion).stores(example.schema);
  await old.open();
  await old.table('snapshots').bulkAdd(example.tables.snapshots);
  await old.table('latest').bulkAdd(example.tables.latest);
  old.close();
  return name;
}

describe('database upgrade from the stored version-1 example', () => {
  it('the example was written with the schema version 1 still declares', () => {
    expect(example.schema).toEqual(SCHEMA_V1);
  });

  it('opens a v1 database as the current version with every row intact and the new indexes usable', async () => {
    const name = await writeV1Example();
    const db = new KpiLensDb(name);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect(await db.snapshots.toArray()).toEqual(example.tables.snapshots.map(withLegacyCurrencySource));
    expect(await latestRows(db)).toHaveLength(example.tables.latest.length);

    // v2 indexes: an account's entities at one level, one account's captures at one level.
    const campaigns = await latestRows(db, { platform: 'meta', accountId: '1234567890', level: 'campaign' });
    expect(campaigns.map((r) => r.entityKey).sort()).toEqual([
      '120210000000001',
      '120210000000001',
      '120210000000002',
    ]);
    const adsets = await accountRange(db, 'meta', '1234567890', 0, Number.MAX_SAFE_INTEGER, {
      level: 'adset',
    });
    expect(adsets.map((s) => s.entityName)).toEqual(['Ad set: lookalike 1%']);

    // New tables start empty; the first maintenance run rolls the old history up.
    expect(await db.targets.count()).toBe(0);
    expect(await db.alerts.count()).toBe(0);
    expect(await db.daily.count()).toBe(0);
    expect(await runRollup(db, { dayOf: (ms) => new Date(ms).toISOString().slice(0, 10) })).toBe(5);
    const days = await dailySeries(db, 'meta', '1234567890', 'campaign', '120210000000001');
    expect(days.map((d) => [d.day, d.dateEnd, d.metrics.spend])).toEqual([
      ['2026-11-21', '2026-11-20', 861.93],
      ['2026-11-22', '2026-11-21', 1010],
    ]);
    db.close();
  });
});

describe('database upgrade from the stored version-2 example', () => {
  async function writeV2Example(): Promise<string> {
    const name = `kpi-lens-v2-example-${names.length}-${Date.now()}`;
    names.push(name);
    const old = new Dexie(name);
    old.version(v2.dexieVersion).stores(v2.schema);
    await old.open();
    for (const [table, rows] of Object.entries(v2.tables)) await old.table(table).bulkAdd(rows);
    old.close();
    return name;
  }

  it('the example was written with the schema version 2 still declares', () => {
    expect(v2.schema).toEqual(SCHEMA_V2);
  });

  it('groups the latest rows into one set per table read, builds the account rows, and drops latest', async () => {
    const db = new KpiLensDb(await writeV2Example());
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect(await db.snapshots.toArray()).toEqual(v2.tables.snapshots.map(withLegacyCurrencySource));
    expect(await db.targets.toArray()).toEqual(v2.tables.targets);

    // Every v2 row survives as it was (without its v2 key), in a set of its account, level and range.
    const byEntityAndRange = (a: Snapshot, b: Snapshot) =>
      latestKeyOf(a) < latestKeyOf(b) ? -1 : latestKeyOf(a) > latestKeyOf(b) ? 1 : 0;
    expect((await latestRows(db)).sort(byEntityAndRange)).toEqual(
      v2.tables.latest
        .map(({ key: _key, ...row }) => withLegacyCurrencySource(row) as Snapshot)
        .sort(byEntityAndRange),
    );
    const sets = await db.latestSets.toArray();
    expect(sets.map((s) => [s.level, s.dateEnd, Object.keys(s.rows).length])).toEqual([
      ['campaign', null, 1],
      ['adset', '2026-11-21', 1],
      ['campaign', '2026-11-19', 2],
      ['campaign', '2026-11-20', 2],
    ]);
    for (const set of sets) expect(set.rangeKey).toBe(rangeKeyOf(set));
    expect(db.backendDB().objectStoreNames.contains('latest')).toBe(false);

    const accounts = await knownAccounts(db);
    expect(
      accounts.map((a) => [a.platform, a.accountId, a.accountName, a.currency, a.dateStart, a.dateEnd]),
    ).toEqual([
      // Newest reading first. Its page showed no name or currency: the newest ones shown are kept.
      ['meta', '1234567890', 'Shop account', 'USD', '2026-11-21', '2026-11-21'],
      ['google', '555-123-4567', 'Google shop', 'EUR', null, null],
    ]);
    expect(accounts[0]!.campaigns).toEqual({
      '120210000000001': {
        name: 'Black Friday — prospecting',
        at: v2.tables.latest[2]!.capturedAt,
        dateStart: '2026-11-20',
        dateEnd: '2026-11-20',
      },
      '120210000000002': {
        name: 'Retargeting 7d (new name)',
        at: v2.tables.latest[3]!.capturedAt,
        dateStart: '2026-11-20',
        dateEnd: '2026-11-20',
      },
    });

    // The new range index answers the popup's queries: the current range, and ranges ending lately.
    const current = await currentLatestRows(db, { floor: '2026-11-20' });
    expect(current.map((r) => [r.entityKey, r.dateEnd])).toEqual([
      ['120220000000001', '2026-11-21'],
      ['987654321', null],
      ['120210000000001', '2026-11-20'],
      ['120210000000002', '2026-11-20'],
    ]);
    db.close();
  });
});

describe('database upgrade from the stored version-3 example (currency sources)', () => {
  async function writeV3Example(): Promise<string> {
    const name = `kpi-lens-v3-example-${names.length}-${Date.now()}`;
    names.push(name);
    const old = new Dexie(name);
    old.version(v3.dexieVersion).stores(v3.schema);
    await old.open();
    for (const [table, rows] of Object.entries(v3.tables)) await old.table(table).bulkAdd(rows);
    old.close();
    return name;
  }

  it('the example was written with the schema version 3 still declares', () => {
    expect(v3.schema).toEqual(SCHEMA_V3);
  });

  it('gives every stored row the source its currency had in v3: page when there is one, none without', async () => {
    const db = new KpiLensDb(await writeV3Example());
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    const history = await db.snapshots.toArray();
    expect(history.map((s) => [s.entityKey, s.currency, s.currencySource])).toEqual([
      ['120210000000001', 'USD', 'page'],
      ['120210000000002', null, null],
    ]);
    // Nothing else changed.
    expect(history.map(({ currencySource: _s, ...rest }) => rest)).toEqual(v3.tables.snapshots);
    expect((await latestRows(db)).map((r) => [r.entityKey, r.currency, r.currencySource])).toEqual([
      ['120210000000001', 'USD', 'page'],
      ['120210000000002', null, null],
    ]);
    const days = await db.daily.toArray();
    expect(days.map((d) => [d.entityKey, d.currencySource])).toEqual([['120210000000001', 'page']]);
    expect(await db.accounts.toArray()).toEqual(v3.tables.accounts);
    // The CSV of the upgraded history: the unknown row takes the account currency the user confirmed later.
    const lines = csvText(history, { 'meta:1234567890': 'USD' })
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    const column = (name: string) => lines[0]!.split(',').indexOf(name);
    const [currency, source] = [column('currency'), column('currency_source')];
    expect(lines.slice(1, 3).map((l) => [l.split(',')[currency], l.split(',')[source]])).toEqual([
      ['USD', 'page'],
      ['USD', 'account'],
    ]);
    db.close();
  });
});
