import { describe, expect, it } from 'vitest';
import type { EntityRow, Health, TableReading } from '@/lib/model';
import { createRowAccumulator, mergedRow, rowsMissingNote, viewKeyOf } from '@/lib/read/row-accumulator';

const URL_A =
  'https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=583920174615290&date=2026-10-01_2026-11-01%2Clast_month';

function row(id: string | null, spend: number, name: string | null = `Campaign ${id}`): EntityRow {
  return { entityId: id, entityName: name, metrics: { spend }, clickKind: null, resultType: null };
}

function reading(
  rows: EntityRow[],
  {
    total = 5 as number | null,
    health,
    ...context
  }: Partial<TableReading['context']> & { total?: number | null; health?: Health } = {},
): TableReading {
  const read = rows.length;
  return {
    context: {
      platform: 'meta',
      accountId: '583920174615290',
      accountName: null,
      level: 'campaign',
      dateStart: '2026-10-01',
      dateEnd: '2026-10-31',
      currency: null,
      currencySource: null,
      uiLocale: 'en',
      ...context,
    },
    rows,
    coverage: { read, total },
    health:
      health ??
      (total !== null && read < total
        ? { status: 'partial', missing: [`rows: read ${read} of ${total}`] }
        : { status: 'recognised' }),
  };
}

describe('rowsMissingNote', () => {
  it.each([
    [{ read: 12, total: 60 }, 'rows: read 12 of 60'],
    [{ read: 60, total: 60 }, null],
    [{ read: 61, total: 60 }, null],
    [{ read: 3, total: null }, null],
  ])('%j → %s', (coverage, note) => {
    expect(rowsMissingNote(coverage)).toBe(note);
  });
});

describe('createRowAccumulator', () => {
  it('sends the union of the windows seen while scrolling one view', () => {
    const acc = createRowAccumulator();
    const first = acc.add(reading([row('1', 10), row('2', 20)]), URL_A);
    expect(first.rows.map((r) => r.entityId)).toEqual(['1', '2']);
    expect(first.health).toEqual({ status: 'partial', missing: ['rows: read 2 of 5'] });

    const second = acc.add(reading([row('3', 30), row('4', 40)]), URL_A);
    expect(second.rows.map((r) => r.entityId)).toEqual(['1', '2', '3', '4']);
    expect(second.coverage).toEqual({ read: 4, total: 5 });
    expect(second.health).toEqual({ status: 'partial', missing: ['rows: read 4 of 5'] });

    const last = acc.add(reading([row('4', 40), row('5', 50)]), URL_A);
    expect(last.rows.map((r) => r.entityId)).toEqual(['1', '2', '3', '4', '5']);
    expect(last.coverage).toEqual({ read: 5, total: 5 });
    expect(last.health).toEqual({ status: 'recognised' });
    expect(acc.size).toBe(5);
  });

  it('keeps the latest numbers of an entity read again, in its first-seen place', () => {
    const acc = createRowAccumulator();
    acc.add(reading([row('1', 10), row('2', 20)]), URL_A);
    const again = acc.add(reading([row('2', 25), row('1', 11)]), URL_A);
    expect(again.rows.map((r) => [r.entityId, r.metrics.spend])).toEqual([
      ['1', 11],
      ['2', 25],
    ]);
  });

  it('fills a metric the newer reading lacks (a column scrolled off screen) from this view, newest values first', () => {
    const acc = createRowAccumulator();
    const left: EntityRow = { ...row('1', 10), metrics: { spend: 10, impressions: 1000 } };
    const right: EntityRow = {
      ...row('1', 10),
      metrics: { clicks: 40, conversions: 2 },
      clickKind: 'link',
      resultType: 'Website purchases',
    };
    acc.add(reading([left]), URL_A);
    const both = acc.add(reading([right]), URL_A);
    expect(both.rows[0]).toEqual({
      ...right,
      metrics: { spend: 10, impressions: 1000, clicks: 40, conversions: 2 },
    });
    const back = acc.add(reading([{ ...left, metrics: { spend: 12, impressions: 1100 } }]), URL_A);
    expect(back.rows[0]!.metrics).toEqual({ spend: 12, impressions: 1100, clicks: 40, conversions: 2 });
    expect(back.rows[0]!.clickKind).toBe('link');
  });

  it('keeps the newer row object itself when it lacks nothing the older one had', () => {
    const acc = createRowAccumulator();
    acc.add(reading([row('1', 10)]), URL_A);
    const newer = row('1', 11);
    expect(acc.add(reading([newer]), URL_A).rows[0]).toBe(newer);
    expect(mergedRow(row('1', 1), newer)).toBe(newer);
  });

  it('never fills a metric from another view', () => {
    const acc = createRowAccumulator();
    acc.add(reading([{ ...row('1', 10), metrics: { spend: 10, clicks: 5 } }]), URL_A);
    const other = acc.add(reading([row('1', 20)], { dateStart: '2026-11-01', dateEnd: '2026-11-21' }), URL_A);
    expect(other.rows[0]!.metrics).toEqual({ spend: 20 });
  });

  it('keeps other missing items and only recomputes the rows note', () => {
    const acc = createRowAccumulator();
    const health: Health = { status: 'partial', missing: ['date range', 'rows: read 1 of 2'] };
    acc.add(reading([row('1', 10)], { total: 2, health, dateStart: null, dateEnd: null }), URL_A);
    const both = acc.add(
      reading([row('2', 20)], { total: 2, health, dateStart: null, dateEnd: null }),
      URL_A,
    );
    expect(both.health).toEqual({ status: 'partial', missing: ['date range'] });
  });

  it.each([
    ['another URL (sort, filter, columns)', { url: `${URL_A}&sort=spend~0` }],
    ['another account', { accountId: '771204583316842' }],
    ['another level', { level: 'adset' as const }],
    ['another date range', { dateStart: '2026-11-01', dateEnd: '2026-11-21' }],
    ['another platform', { platform: 'google' as const }],
  ])('starts over for %s', (_label, change) => {
    const acc = createRowAccumulator();
    acc.add(reading([row('1', 10), row('2', 20)]), URL_A);
    const { url = URL_A, ...context } = change as { url?: string } & Partial<TableReading['context']>;
    const next = acc.add(reading([row('9', 90)], context), url);
    expect(next.rows.map((r) => r.entityId)).toEqual(['9']);
    expect(acc.size).toBe(1);
  });

  it('treats the same address with another #hash as the same view', () => {
    const acc = createRowAccumulator();
    acc.add(reading([row('1', 10)]), URL_A);
    expect(acc.add(reading([row('2', 20)]), `${URL_A}#top`).rows).toHaveLength(2);
    expect(viewKeyOf(reading([]), URL_A)).toBe(viewKeyOf(reading([]), new URL(`${URL_A}#x`)));
  });

  it('passes a not-recognised reading through without erasing the view', () => {
    const acc = createRowAccumulator();
    acc.add(reading([row('1', 10), row('2', 20)]), URL_A);
    const loading = reading([], { health: { status: 'not-recognised', reason: 'No campaign rows yet.' } });
    expect(acc.add(loading, URL_A)).toBe(loading);
    expect(acc.add(reading([row('3', 30)]), URL_A).rows.map((r) => r.entityId)).toEqual(['1', '2', '3']);
  });

  it('does not carry rows without an id or name from one read to the next', () => {
    const acc = createRowAccumulator();
    acc.add(reading([row('1', 10), row(null, 5, null)]), URL_A);
    const next = acc.add(reading([row('2', 20)]), URL_A);
    expect(next.rows.map((r) => r.entityId)).toEqual(['1', '2']);
  });

  it('accumulates name-keyed rows (no id on the page) by name', () => {
    const acc = createRowAccumulator();
    acc.add(reading([row(null, 1, 'custom window blinds')], { platform: 'google' }), URL_A);
    const next = acc.add(
      reading([row(null, 2, 'custom window blinds'), row(null, 3, 'blinds')], { platform: 'google' }),
      URL_A,
    );
    expect(next.rows.map((r) => [r.entityName, r.metrics.spend])).toEqual([
      ['custom window blinds', 2],
      ['blinds', 3],
    ]);
  });

  it('forgets everything on reset()', () => {
    const acc = createRowAccumulator();
    acc.add(reading([row('1', 10)]), URL_A);
    acc.reset();
    expect(acc.size).toBe(0);
    expect(acc.add(reading([row('2', 20)]), URL_A).rows.map((r) => r.entityId)).toEqual(['2']);
  });
});
