import { afterEach, describe, expect, it } from 'vitest';
import { storedDayHistory } from '@/lib/store/day-history';
import type { KpiLensDb } from '@/lib/store/db';
import { saveReading } from '@/lib/store/snapshots';
import { freshDb, reading, row } from './make';

let db: KpiLensDb;
afterEach(async () => {
  await db?.delete();
});

const AT = Date.UTC(2026, 10, 26, 12);

describe('stored single-day history of one table', () => {
  it('finds every day of the window by entity, and nothing of longer ranges, other levels or accounts', async () => {
    db = freshDb();
    const save = (rows: Parameters<typeof reading>[0], ctx: Parameters<typeof reading>[1], at = AT) =>
      saveReading(db, reading(rows, ctx), at);
    for (const [i, d] of ['2026-11-20', '2026-11-24', '2026-11-25', '2026-11-26'].entries())
      await save(
        [row('1', { spend: 10 + i }), row('2', { spend: 20 + i })],
        { dateStart: d, dateEnd: d },
        AT + i,
      );
    await save([row('1', { spend: 500 })], { dateStart: '2026-11-01', dateEnd: '2026-11-26' }); // a month
    await save([row('1', { spend: 7 })], { dateStart: '2026-09-01', dateEnd: '2026-09-01' }); // before the window
    await save([row('1', { spend: 8 })], { dateStart: '2026-11-25', dateEnd: '2026-11-25', level: 'adset' });
    await save([row('1', { spend: 9 })], {
      dateStart: '2026-11-25',
      dateEnd: '2026-11-25',
      accountId: '999',
    });

    const history = await storedDayHistory(db, {
      platform: 'meta',
      accountId: '1234567890',
      level: 'campaign',
      from: '2026-11-21',
      to: '2026-11-26',
    });
    expect(
      Object.fromEntries([...history].map(([k, days]) => [k, days.map((d) => [d.day, d.metrics.spend])])),
    ).toEqual({
      '1': [
        ['2026-11-24', 11],
        ['2026-11-25', 12],
        ['2026-11-26', 13],
      ],
      '2': [
        ['2026-11-24', 21],
        ['2026-11-25', 22],
        ['2026-11-26', 23],
      ],
    });
  });

  it('a day read twice counts once, with its newest numbers', async () => {
    db = freshDb();
    const d = { dateStart: '2026-11-25', dateEnd: '2026-11-25' };
    await saveReading(db, reading([row('1', { spend: 10 })], d), AT);
    await saveReading(db, reading([row('1', { spend: 14 })], d), AT + 60_000);
    const history = await storedDayHistory(db, {
      platform: 'meta',
      accountId: '1234567890',
      level: 'campaign',
      from: '2026-11-20',
      to: '2026-11-26',
    });
    expect(history.get('1')?.map((p) => p.metrics.spend)).toEqual([14]);
  });
});
