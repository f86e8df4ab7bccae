import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '@/lib/model';
import { foldIntoAccount, knownAccounts } from '@/lib/store/accounts';
import type { AccountRow, KpiLensDb } from '@/lib/store/db';
import { accountKeyOf } from '@/lib/store/keys';
import { saveReading } from '@/lib/store/snapshots';
import { row as uiRow } from '../ui/make';
import { freshDb, reading, row } from './make';

let db: KpiLensDb;
afterEach(async () => {
  await db?.delete();
});

const T0 = Date.UTC(2026, 10, 22, 9);
const MIN = 60_000;

const history: Snapshot[] = [
  uiRow({ entityKey: 'c1', capturedAt: T0, accountName: 'Old name', currency: 'USD', dateEnd: '2026-11-20' }),
  uiRow({
    entityKey: 'c1',
    capturedAt: T0 + MIN,
    accountName: null,
    currency: null,
    entityName: null,
    entityId: null,
  }),
  uiRow({ entityKey: 'c2', capturedAt: T0 + 2 * MIN, accountName: 'New name', dateEnd: '2026-11-22' }),
  uiRow({ entityKey: 's1', capturedAt: T0 + 3 * MIN, level: 'adset', accountName: null, currency: 'EUR' }),
];

function fold(rows: readonly Snapshot[]): AccountRow {
  const accounts = new Map<string, AccountRow>();
  for (const r of rows) foldIntoAccount(accounts, r);
  expect(accounts.size).toBe(1);
  return [...accounts.values()][0]!;
}

describe('account rows', () => {
  it('keep the newest range, name, currency and campaign names, whatever order rows arrive in', () => {
    const expected = fold(history);
    expect(expected).toMatchObject({
      key: accountKeyOf({ platform: 'meta', accountId: 'A1' }),
      accountName: 'New name',
      currency: 'EUR',
      lastCapturedAt: T0 + 3 * MIN,
      dateStart: '2026-11-01',
      dateEnd: '2026-11-21',
      // c1's newest row showed neither name nor id: the key stands in; ad sets are not campaigns.
      campaigns: { c1: { name: null, at: T0 + MIN }, c2: { name: 'Campaign c2', at: T0 + 2 * MIN } },
    });
    expect(fold([...history].reverse())).toEqual(expected);
    expect(fold([history[2]!, history[0]!, history[3]!, history[1]!])).toEqual(expected);
  });

  it('follow the readings the background stores, and only what was written to latest', async () => {
    db = freshDb();
    await saveReading(
      db,
      reading([row('1', { spend: 5 })], { dateStart: '2026-11-22', dateEnd: '2026-11-22' }),
      T0,
    );
    // A re-read with the same numbers writes nothing, so the account still points at the first capture.
    await saveReading(
      db,
      reading([row('1', { spend: 5 })], { dateStart: '2026-11-22', dateEnd: '2026-11-22' }),
      T0 + MIN,
    );
    let [account] = await knownAccounts(db);
    expect(account).toMatchObject({ lastCapturedAt: T0, dateEnd: '2026-11-22', accountName: 'Shop account' });

    await saveReading(
      db,
      reading([row('1', { spend: 9 })], {
        dateStart: '2026-11-01',
        dateEnd: '2026-11-22',
        accountName: null,
      }),
      T0 + 2 * MIN,
    );
    [account] = await knownAccounts(db);
    expect(account).toMatchObject({
      lastCapturedAt: T0 + 2 * MIN,
      dateStart: '2026-11-01',
      accountName: 'Shop account',
    });
  });

  it('a damaged stored account row is left out when read and rebuilt by the next reading', async () => {
    db = freshDb();
    await saveReading(db, reading([row('1', { spend: 5 })]), T0);
    const [stored] = await db.accounts.toArray();
    await db.accounts.put({ ...stored!, lastCapturedAt: 'yesterday' as unknown as number });
    expect(await knownAccounts(db)).toEqual([]);
    await saveReading(db, reading([row('2', { spend: 5 })]), T0 + MIN);
    expect((await knownAccounts(db)).map((a) => Object.keys(a.campaigns))).toEqual([['2']]);
  });
});
