import { afterEach, describe, expect, it } from 'vitest';
import { knownAccounts } from '@/lib/store/accounts';
import { latestKeyOf } from '@/lib/store/keys';
import { accountRange, entitySeries, saveReading, storeReading } from '@/lib/store/snapshots';
import { latestRows } from '@/lib/store/latest';
import type { KpiLensDb } from '@/lib/store/db';
import { freshDb, reading, row } from './make';

let db: KpiLensDb;
afterEach(async () => {
  await db?.delete();
});

const T0 = Date.UTC(2026, 10, 21, 9, 0, 0);
const MIN = 60_000;

describe('storeReading', () => {
  it('stores one row per entity and a re-read with the same numbers adds none', async () => {
    db = freshDb();
    const first = reading([row('1', { spend: 10, clicks: 5 }), row('2', { spend: 20 })]);
    expect(await storeReading(db, first, T0)).toEqual({ stored: 2, unchanged: 0, notStoredReason: null });
    expect(await storeReading(db, structuredClone(first), T0 + MIN)).toEqual({
      stored: 0,
      unchanged: 2,
      notStoredReason: null,
    });
    expect(await db.snapshots.count()).toBe(2);
    // The latest row still points at the first capture: nothing new was read.
    expect((await latestRows(db)).map((r) => r.capturedAt)).toEqual([T0, T0]);
  });

  it('a changed number adds exactly that entity’s row and moves its latest entry', async () => {
    db = freshDb();
    await storeReading(db, reading([row('1', { spend: 10 }), row('2', { spend: 20 })]), T0);
    const outcome = await storeReading(
      db,
      reading([row('1', { spend: 10 }), row('2', { spend: 25 })]),
      T0 + MIN,
    );
    expect(outcome).toEqual({ stored: 1, unchanged: 1, notStoredReason: null });
    const latest = await latestRows(db, { platform: 'meta', accountId: '1234567890' });
    expect(latest.find((r) => r.entityKey === '2')?.metrics.spend).toBe(25);
    expect(latest.find((r) => r.entityKey === '2')?.capturedAt).toBe(T0 + MIN);
    expect(await db.snapshots.count()).toBe(3);
  });

  it('an unknown metric is not the same as 0', async () => {
    db = freshDb();
    await storeReading(db, reading([row('1', { spend: 10 })]), T0);
    expect((await storeReading(db, reading([row('1', { spend: 10, clicks: 0 })]), T0 + MIN)).stored).toBe(1);
  });

  it('stores nothing for a page that was not recognised or shows no account', async () => {
    db = freshDb();
    const unrecognised = {
      ...reading([row('1', { spend: 1 })]),
      health: { status: 'not-recognised' as const, reason: 'no table' },
    };
    expect((await storeReading(db, unrecognised, T0)).notStoredReason).toMatch(/no table/);
    expect(
      (await storeReading(db, reading([row('1', { spend: 1 })], { accountId: null }), T0)).notStoredReason,
    ).toMatch(/account/);
    expect(await db.snapshots.count()).toBe(0);
  });

  it('stores an assumed currency with its source (a bare $ is USD, assumed), never as the account currency', async () => {
    db = freshDb();
    await storeReading(
      db,
      reading([row('1', { spend: 1 })], { currency: 'USD', currencySource: 'assumed' }),
      T0,
    );
    const [stored] = await latestRows(db);
    expect([stored?.currency, stored?.currencySource]).toEqual(['USD', 'assumed']);
    const [history] = await db.snapshots.toArray();
    expect([history?.currency, history?.currencySource]).toEqual(['USD', 'assumed']);
    expect((await db.accounts.toArray())[0]?.currency).toBeNull();
    // Confirmed later on the page (the same numbers, now with their source): stored again.
    const confirmed = reading([row('1', { spend: 1 })], { currency: 'USD', currencySource: 'account' });
    expect((await storeReading(db, confirmed, T0 + MIN)).stored).toBe(1);
    expect((await db.accounts.toArray())[0]?.currency).toBe('USD');
  });

  it('saveReading returns the previous newest row of each entity (for status changes)', async () => {
    db = freshDb();
    await storeReading(db, reading([row('1', { spend: 10 })]), T0);
    const saved = await saveReading(db, reading([row('1', { spend: 30 }), row('2', { spend: 5 })]), T0 + MIN);
    expect(saved.rows.map((r) => r.entityKey)).toEqual(['1', '2']);
    expect(saved.previous[0]?.metrics.spend).toBe(10);
    expect(saved.previous[1]).toBeUndefined();
  });

  it('an entity listed twice in one reading is stored once', async () => {
    db = freshDb();
    const outcome = await storeReading(db, reading([row('1', { spend: 10 }), row('1', { spend: 10 })]), T0);
    expect(outcome.stored).toBe(1);
  });

  it('entities without an id are keyed by name', async () => {
    db = freshDb();
    await storeReading(
      db,
      reading([row('', { spend: 3 }, { entityId: null, entityName: 'running shoes' })], { level: 'keyword' }),
      T0,
    );
    expect((await latestRows(db))[0]?.entityKey).toBe('name:running shoes');
  });
});

describe('reading back', () => {
  async function history() {
    db = freshDb();
    for (let i = 0; i < 5; i++) {
      await storeReading(
        db,
        reading([row('1', { spend: 10 + i }), row('2', { spend: 100 + i })]),
        T0 + i * MIN,
      );
      await storeReading(db, reading([row('a1', { spend: i })], { level: 'adset' }), T0 + i * MIN);
    }
    await storeReading(db, reading([row('9', { spend: 1 })], { accountId: '999', accountName: 'Other' }), T0);
    await storeReading(
      db,
      reading([row('1', { spend: 7 })], { dateStart: '2026-11-21', dateEnd: '2026-11-21' }),
      T0 + 10 * MIN,
    );
  }

  it('latestRows filters by account, level and entity; newest first', async () => {
    await history();
    const campaigns = await latestRows(db, { platform: 'meta', accountId: '1234567890', level: 'campaign' });
    expect(campaigns.map((r) => [r.entityKey, r.dateStart, r.capturedAt])).toEqual([
      ['1', '2026-11-21', T0 + 10 * MIN],
      ['1', '2026-11-01', T0 + 4 * MIN],
      ['2', '2026-11-01', T0 + 4 * MIN],
    ]);
    expect(campaigns[0]?.capturedAt).toBe(T0 + 10 * MIN);
    const oneRange = await latestRows(db, {
      platform: 'meta',
      accountId: '1234567890',
      level: 'campaign',
      dateStart: '2026-11-01',
      dateEnd: '2026-11-21',
    });
    expect(oneRange.map((r) => r.metrics.spend).sort()).toEqual([104, 14]);
    const newest = await latestRows(db, {
      platform: 'meta',
      accountId: '1234567890',
      level: 'campaign',
      newestPerEntity: true,
    });
    expect(newest.map((r) => [r.entityKey, r.metrics.spend])).toEqual([
      ['1', 7],
      ['2', 104],
    ]);
    expect((await latestRows(db, { accountId: '999' })).map((r) => r.entityKey)).toEqual(['9']);
    expect(await latestRows(db, { limit: 2 })).toHaveLength(2);
  });

  it('entitySeries returns one entity’s newest readings, oldest first', async () => {
    await history();
    const series = await entitySeries(db, 'meta', '1234567890', 'campaign', '2', 3);
    expect(series.map((s) => s.metrics.spend)).toEqual([102, 103, 104]);
    const oneRange = await entitySeries(db, 'meta', '1234567890', 'campaign', '1', 100, {
      dateStart: '2026-11-01',
      dateEnd: '2026-11-21',
    });
    expect(oneRange.map((s) => s.metrics.spend)).toEqual([10, 11, 12, 13, 14]);
    const windowed = await entitySeries(db, 'meta', '1234567890', 'campaign', '1', 100, {
      from: T0 + 3 * MIN,
    });
    expect(windowed.map((s) => s.metrics.spend)).toEqual([13, 14, 7]);
  });

  it('accountRange returns one account’s captures in a time range, optionally one level', async () => {
    await history();
    const all = await accountRange(db, 'meta', '1234567890', T0 + MIN, T0 + 2 * MIN);
    expect(all).toHaveLength(6);
    expect(all.every((s) => s.capturedAt >= T0 + MIN && s.capturedAt <= T0 + 2 * MIN)).toBe(true);
    const adsets = await accountRange(db, 'meta', '1234567890', T0, T0 + 100 * MIN, { level: 'adset' });
    expect(adsets.map((s) => s.metrics.spend)).toEqual([0, 1, 2, 3, 4]);
    expect(await accountRange(db, 'meta', '999', T0, T0)).toHaveLength(1);
  });

  it('a stored row that no longer parses is left out, not shown as a reading', async () => {
    await history();
    const before = await latestRows(db);
    const [set] = await db.latestSets.toArray();
    const [damagedKey, damaged] = Object.entries(set!.rows)[0]!;
    await db.latestSets.put({
      ...set!,
      rows: { ...set!.rows, [damagedKey]: { ...damaged, metrics: { spend: 'lots' as unknown as number } } },
    });
    await db.snapshots.add({ ...(await db.snapshots.get(1))!, id: undefined, capturedAt: -5 });
    const latest = await latestRows(db);
    // Only the damaged row goes; the rest of its set is still read.
    expect(latest).toEqual(
      before.filter(
        (r) =>
          r !==
          before.find(
            (b) =>
              b.entityKey === damagedKey &&
              b.level === set!.level &&
              b.dateEnd === set!.dateEnd &&
              b.accountId === set!.accountId,
          ),
      ),
    );
    expect(latest).toHaveLength(before.length - 1);
    const series = await entitySeries(db, 'meta', '1234567890', 'campaign', '1', 100);
    expect(series.every((s) => s.capturedAt >= 0)).toBe(true);
  });

  it('knownAccounts lists each account once', async () => {
    await history();
    const accounts = await knownAccounts(db);
    expect(accounts.map((a) => a.accountId).sort()).toEqual(['1234567890', '999']);
  });

  it('latestKeyOf separates reporting ranges', () => {
    const base = { platform: 'meta' as const, accountId: '1', level: 'campaign' as const, entityKey: 'x' };
    expect(latestKeyOf({ ...base, dateStart: '2026-11-01', dateEnd: '2026-11-02' })).not.toBe(
      latestKeyOf({ ...base, dateStart: '2026-11-01', dateEnd: '2026-11-03' }),
    );
  });
});
