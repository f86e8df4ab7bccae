import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_VERSION, KpiLensDb, SCHEMA_V1 } from '@/lib/store/db';
import { accountRange, latestRows } from '@/lib/store/snapshots';
import { dailySeries, runRollup } from '@/lib/store/daily';
import example from './examples/db-v1.json';

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
    expect(await db.snapshots.toArray()).toEqual(example.tables.snapshots);
    expect(await db.latest.count()).toBe(example.tables.latest.length);

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
