import { afterEach, describe, expect, it } from 'vitest';
import type { MessageKey } from '@/lib/i18n';
import { storedRangeRows } from '@/lib/store/compare';
import type { KpiLensDb } from '@/lib/store/db';
import { latestRows } from '@/lib/store/latest';
import { saveReading } from '@/lib/store/snapshots';
import { tableComparisonText } from '@/lib/ui/comparison-text';
import { comparisonsOfTables, rangesOfTable, tableComparisonSchema } from '@/lib/ui/comparisons';
import { currentSets } from '@/lib/ui/current';
import { freshDb, reading, row } from '../store/make';

let db: KpiLensDb;
afterEach(async () => {
  await db?.delete();
});

/** Shows which key was asked for with what, so a test sees every text's parts. */
const t = (key: MessageKey, subs?: string | string[]) =>
  `${key}(${(Array.isArray(subs) ? subs : subs === undefined ? [] : [subs]).join('|')})`;

/** Intl's thin and narrow no-break spaces as plain spaces. */
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v).replace(/[\u2009\u202f\u00a0]/g, ' '));

const WEEK = { dateStart: '2026-11-23', dateEnd: '2026-11-29' };

async function seed(withLastYear: boolean) {
  db = freshDb();
  // This week: CPA 300/12 = 25, ROAS 900/300 = 3.
  await saveReading(
    db,
    reading(
      [
        row('c1', { spend: 200, conversions: 10, conversionValue: 600, clicks: 100, impressions: 6000 }),
        row('c2', { spend: 100, conversions: 2, conversionValue: 300, clicks: 50, impressions: 4000 }),
      ],
      WEEK,
    ),
    3_000,
  );
  // The week before: CPA 240/8 = 30, ROAS 960/240 = 4.
  await saveReading(
    db,
    reading(
      [row('c1', { spend: 240, conversions: 8, conversionValue: 960, clicks: 120, impressions: 8000 })],
      {
        dateStart: '2026-11-16',
        dateEnd: '2026-11-22',
      },
    ),
    2_000,
  );
  // The same weekdays 52 weeks back (Mon 24 – Sun 30 Nov 2025): CPA 400/20 = 20.
  if (withLastYear)
    await saveReading(
      db,
      reading([row('c1', { spend: 400, conversions: 20, conversionValue: 800 })], {
        dateStart: '2025-11-24',
        dateEnd: '2025-11-30',
      }),
      1_000,
    );
  const set = currentSets(await latestRows(db))[0]!;
  const ranges = rangesOfTable(set)!;
  const stored = {
    previous: await storedRangeRows(db, set, ranges.previous),
    lastYear: await storedRangeRows(db, set, ranges.lastYear),
  };
  return comparisonsOfTables([set], [stored], {});
}

describe('table comparisons from the store', () => {
  it('previous period and last year, both stored: hand-computed lines', async () => {
    const [table] = await seed(true);
    expect(table!.range).toEqual({ start: '2026-11-23', end: '2026-11-29' });
    const [previous, lastYear] = table!.periods;
    expect(previous).toMatchObject({
      kind: 'previous',
      stored: true,
      link: null,
      range: { start: '2026-11-16', end: '2026-11-22' },
    });
    expect(previous!.lines.find((l) => l.kpi === 'cpa')).toMatchObject({
      current: 25,
      other: 30,
      delta: -5,
      good: true,
    });
    expect(previous!.lines.find((l) => l.kpi === 'roas')).toMatchObject({
      current: 3,
      other: 4,
      change: -0.25,
      good: false,
    });
    expect(lastYear).toMatchObject({ kind: 'lastYear', stored: true, weekdayAligned: true });
    // CPA 25 vs 20: +5, +25 %, worse.
    expect(lastYear!.lines.find((l) => l.kpi === 'cpa')).toMatchObject({
      other: 20,
      delta: 5,
      change: 0.25,
      good: false,
    });
    // Last year's row had no clicks: CTR compares with unknown.
    expect(lastYear!.lines.find((l) => l.kpi === 'ctr')).toMatchObject({
      current: 0.015,
      other: null,
      delta: null,
    });
    expect(tableComparisonSchema.parse(table)).toEqual(table);
  });

  it('last year not stored: says which range to open, with the Meta link to it', async () => {
    const [table] = await seed(false);
    const lastYear = table!.periods[1]!;
    expect(lastYear.stored).toBe(false);
    expect(lastYear.link).toBe(
      'https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=1234567890&date=2025-11-24_2025-12-01',
    );
    const text = tableComparisonText(table!, 'en-US', t);
    expect(plain(text.periods[1])).toMatchObject({
      title: 'common_compare_last_year_weekdays(Nov 24 – 30, 2025)',
      rows: [],
      missing: 'common_compare_missing(Nov 24 – 30, 2025|Meta|common_level_campaign())',
      link: { href: lastYear.link, text: 'common_compare_open(Nov 24 – 30, 2025|Meta)' },
    });
    // A mapped table's missing range is to be opened on its own site, named by its label.
    const mapped = { ...table!, platform: 'generic' as const, accountName: 'tracker.example.net' };
    expect((plain(tableComparisonText(mapped, 'en-US', t).periods[1]) as { missing: string }).missing).toBe(
      'common_compare_missing(Nov 24 – 30, 2025|tracker.example.net|common_level_campaign())',
    );
    const cpa = text.periods[0]!.rows.find((r) => r.kpi === 'cpa')!;
    expect(cpa).toMatchObject({
      current: '$25.00',
      other: '$30.00',
      delta: '−$5.00',
      change: '-16.7%',
      tone: 'good',
    });
    const ctr = text.periods[0]!.rows.find((r) => r.kpi === 'ctr')!;
    expect(ctr).toMatchObject({
      current: '1.5%',
      other: '1.5%',
      delta: 'common_compare_points(0)',
      tone: 'same',
    });
  });
});
