import { afterEach, describe, expect, it } from 'vitest';
import { csvHeader, csvParts, derivedDailyRows } from '@/lib/export/csv';
import type { KpiLensDb } from '@/lib/store/db';
import { storeReading } from '@/lib/store/snapshots';
import { freshDb, reading, row } from '../store/make';

let db: KpiLensDb;
afterEach(async () => {
  await db?.delete();
});

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 2, 20);
const noPause = { yieldToEventLoop: async () => {} };

async function exported(): Promise<string[][]> {
  let text = '';
  for await (const part of csvParts(db, {}, noPause)) text += part;
  const [header, ...lines] = text.slice(1).split('\r\n').filter(Boolean);
  const columns = header!.split(',');
  return lines
    .map((l) => l.split(','))
    .map((cells) => {
      const pick = (c: string) => cells[columns.indexOf(c)]!;
      return ['date_start', 'date_end', 'spend', 'clicks', 'conversions', 'impressions', 'value_source'].map(
        pick,
      );
    });
}

describe('CSV value_source: read rows, then derived days', () => {
  it('is the last column (CSV v1 stays additive)', () => {
    expect(csvHeader().split(',').slice(-2)).toEqual(['currency_source', 'value_source']);
  });

  it('"this month" read on two consecutive days adds the second day as a derived row', async () => {
    db = freshDb();
    const month = (end: string, spend: number, clicks: number) =>
      reading([row('1', { spend, clicks, conversions: 2, impressions: 1000 })], {
        dateStart: '2026-11-01',
        dateEnd: end,
      });
    await storeReading(db, month('2026-11-02', 100.5, 40), T0);
    await storeReading(db, month('2026-11-03', 130.75, 52), T0 + DAY);
    expect(await exported()).toEqual([
      ['2026-11-01', '2026-11-02', '100.5', '40', '2', '1000', 'read'],
      ['2026-11-01', '2026-11-03', '130.75', '52', '2', '1000', 'read'],
      // Impressions are not derived: unknown (empty), never 0.
      ['2026-11-03', '2026-11-03', '30.25', '12', '0', '', 'derived'],
    ]);
  });

  it('a corrected report (lower total) derives no spend that day; other currencies derive nothing', async () => {
    db = freshDb();
    await storeReading(
      db,
      reading([row('1', { spend: 100, clicks: 10 })], { dateStart: '2026-11-01', dateEnd: '2026-11-02' }),
      T0,
    );
    await storeReading(
      db,
      reading([row('1', { spend: 90, clicks: 12 })], { dateStart: '2026-11-01', dateEnd: '2026-11-03' }),
      T0 + DAY,
    );
    expect((await exported()).at(-1)).toEqual(['2026-11-03', '2026-11-03', '', '2', '', '', 'derived']);
    const rows = (await db.snapshots.toArray()).map((r, i) => ({ ...r, currency: i === 0 ? 'USD' : 'EUR' }));
    expect(derivedDailyRows(rows)).toEqual([]);
  });
});
