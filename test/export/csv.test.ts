import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BOM,
  csvBlob,
  csvFileName,
  csvHeader,
  csvLine,
  csvParts,
  csvText,
  matchesFilter,
  plainDecimal,
  REQUIRED_COLUMNS,
} from '@/lib/export/csv';
import type { Snapshot } from '@/lib/model';
import { KpiLensDb } from '@/lib/store/db';

function snap(over: Partial<Snapshot> = {}): Snapshot {
  return {
    capturedAt: Date.UTC(2026, 10, 22, 10, 32, 5, 123),
    platform: 'meta',
    accountId: '1234567890123',
    accountName: 'Shop',
    level: 'campaign',
    entityKey: '120200000000000001',
    entityId: '120200000000000001',
    entityName: 'Spring Sale | US | ABO',
    dateStart: '2026-11-01',
    dateEnd: '2026-11-21',
    currency: 'USD',
    currencySource: 'page',
    metrics: {},
    clickKind: null,
    resultType: null,
    ...over,
  };
}

describe('plainDecimal', () => {
  it('writes plain decimals without exponent or grouping', () => {
    expect(plainDecimal(1684.51)).toBe('1684.51');
    expect(plainDecimal(1e-7)).toBe('0.0000001');
    expect(plainDecimal(3.3333333333333335e-7)).toBe('0.00000033333333333333335');
    expect(plainDecimal(-2.5e-8)).toBe('-0.000000025');
    expect(plainDecimal(1e21)).toBe('1000000000000000000000');
    expect(plainDecimal(1.5e22)).toBe('15000000000000000000000');
    expect(plainDecimal(1234567)).toBe('1234567');
    expect(plainDecimal(-12)).toBe('-12');
    expect(plainDecimal(0.0285)).toBe('0.0285');
    expect(plainDecimal(-0)).toBe('0');
  });

  it('leaves unknown values empty, never 0', () => {
    expect(plainDecimal(undefined)).toBe('');
    expect(plainDecimal(null)).toBe('');
    expect(plainDecimal(Number.NaN)).toBe('');
    expect(plainDecimal(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('reads back as the same number', () => {
    for (const n of [0.1 + 0.2, 1 / 3, 123456.789, 5e-324, 2 ** 60, -7.25e-9])
      expect(Number(plainDecimal(n))).toBe(n);
  });
});

describe('csv text', () => {
  it('has the required columns first, in the contract order', () => {
    expect(csvHeader().split(',').slice(0, REQUIRED_COLUMNS.length)).toEqual([...REQUIRED_COLUMNS]);
    expect(csvHeader()).toBe(
      'captured_at,platform,account_id,account_name,level,entity_id,entity_name,date_start,date_end,currency,' +
        'spend,impressions,reach,clicks,conversions,conversion_value,leads,ctr,cpc,cpm,cvr,cpa,roas,' +
        'click_kind,result_type,results,budget,currency_source,value_source',
    );
  });

  it('writes exact bytes: BOM, CRLF, Vietnamese and Ukrainian names, formula guard, empty unknowns', () => {
    const rows: Snapshot[] = [
      snap({
        entityName: 'Khuyến mãi Tết, "Hà Nội"',
        accountName: 'Cửa hàng',
        currency: 'VND',
        metrics: {
          spend: 1831000,
          impressions: 20000,
          clicks: 400,
          conversions: 8,
          conversionValue: 9155000,
        },
        clickKind: 'link',
        resultType: 'Lượt mua trên trang web',
      }),
      snap({
        platform: 'google',
        accountId: '123-456-7890',
        accountName: null,
        level: 'adset',
        entityKey: '42',
        entityId: '42',
        entityName: '=HYPERLINK("http://x")',
        currency: 'UAH',
        metrics: { spend: -12.5, impressions: 1000, clicks: 0, leads: 3 },
      }),
      snap({
        platform: 'tiktok',
        accountId: '7000000000000000001',
        accountName: 'Київ — магазин',
        entityKey: 'name:-5% off',
        entityId: null,
        entityName: '-5% off',
        currency: null,
        dateStart: null,
        dateEnd: null,
        metrics: { spend: 10, roasShown: 2.5 },
      }),
      snap({ entityName: '+380 Продаж', metrics: {} }),
      snap({ entityName: '@mention\tx', metrics: { results: 7, budget: 50 } }),
    ];
    const bytes = Buffer.from(csvText(rows), 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines).toEqual([
      csvHeader(),
      '2026-11-22T10:32:05.123Z,meta,1234567890123,Cửa hàng,campaign,120200000000000001,' +
        '"Khuyến mãi Tết, ""Hà Nội""",2026-11-01,2026-11-21,VND,' +
        '1831000,20000,,400,8,9155000,,0.02,4577.5,91550,0.02,228875,5,link,Lượt mua trên trang web,,,page,read',
      '2026-11-22T10:32:05.123Z,google,123-456-7890,,adset,42,"\'=HYPERLINK(""http://x"")",' +
        '2026-11-01,2026-11-21,UAH,-12.5,1000,,0,,,3,0,,-12.5,,,,,,,,page,read',
      '2026-11-22T10:32:05.123Z,tiktok,7000000000000000001,Київ — магазин,campaign,,"\'-5% off",,,,' +
        '10,,,,,,,,,,,,2.5,,,,,,read',
      '2026-11-22T10:32:05.123Z,meta,1234567890123,Shop,campaign,120200000000000001,"\'+380 Продаж",' +
        '2026-11-01,2026-11-21,USD,,,,,,,,,,,,,,,,,,page,read',
      '2026-11-22T10:32:05.123Z,meta,1234567890123,Shop,campaign,120200000000000001,"\'@mention\tx",' +
        '2026-11-01,2026-11-21,USD,,,,,,,,,,,,,,,,7,50,page,read',
      '',
    ]);
  });

  it('currency_source: page, assumed, or the account setting applied to stored rows the page named no code for', () => {
    const assumed = snap({ currency: 'USD', currencySource: 'assumed' });
    const named = snap({ currency: 'EUR', currencySource: 'page', accountId: '2' });
    const unknown = snap({ currency: null, currencySource: null, accountId: '3' });
    const tail = (line: string) => line.split(',').slice(-2)[0];
    const currencyOf = (line: string) => line.split(',')[9];
    expect([assumed, named, unknown].map((r) => [currencyOf(csvLine(r)), tail(csvLine(r))])).toEqual([
      ['USD', 'assumed'],
      ['EUR', 'page'],
      ['', ''],
    ]);
    // The user confirmed USD for account 1, set CAD for 3, and GBP for 2 (whose page names EUR: kept).
    const settings = { 'meta:1234567890123': 'USD', 'meta:2': 'GBP', 'meta:3': 'CAD' };
    expect(
      [assumed, named, unknown].map((r) => [currencyOf(csvLine(r, settings)), tail(csvLine(r, settings))]),
    ).toEqual([
      ['USD', 'account'],
      ['EUR', 'page'],
      ['CAD', 'account'],
    ]);
  });

  it('guards a formula followed by a line break, and keeps the cell in one quoted field', () => {
    const line = csvLine(snap({ entityName: '=cmd|x\nsecond' }));
    expect(line).toContain('"\'=cmd|x\nsecond"');
  });

  it('parses back with a CSV reader into the same cells, numbers untouched', () => {
    const text = csvText([snap({ entityName: '-x, y', metrics: { spend: -3, clicks: 2 } })]);
    const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
    const [header, row] = parsed.data;
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell('entity_name')).toBe("'-x, y");
    expect(cell('spend')).toBe('-3');
    expect(cell('cpc')).toBe('-1.5');
    expect(cell('cpa')).toBe('');
    expect(row).toHaveLength(header!.length);
  });

  it('prefers the ROAS the page showed, else derives it from the row', () => {
    const shown = csvLine(snap({ metrics: { spend: 100, conversionValue: 300, roasShown: 2.99 } }));
    const derived = csvLine(snap({ metrics: { spend: 100, conversionValue: 300 } }));
    const roasIndex = REQUIRED_COLUMNS.indexOf('roas');
    expect(Papa.parse<string[]>(shown).data[0]![roasIndex]).toBe('2.99');
    expect(Papa.parse<string[]>(derived).data[0]![roasIndex]).toBe('3');
  });

  it('names the file by the export day', () => {
    expect(csvFileName(Date.UTC(2026, 10, 22, 23))).toBe('kpi-lens-snapshots-2026-11-22.csv');
  });
});

describe('csvParts (chunked export from the database)', () => {
  let db: KpiLensDb;
  beforeEach(async () => {
    db = new KpiLensDb(`csv-test-${Math.random()}`);
    await db.open();
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  it('exports every row in chunks, yields between them, and applies the filters', async () => {
    const rows: Snapshot[] = [];
    for (let i = 0; i < 12_345; i++)
      rows.push(
        snap({
          capturedAt: 1_700_000_000_000 + i,
          platform: i % 3 === 0 ? 'google' : 'meta',
          accountId: i % 2 === 0 ? 'A' : 'B',
          entityKey: `e${i}`,
          entityId: `e${i}`,
          entityName: `Entity ${i}`,
          metrics: { spend: i },
        }),
      );
    await db.snapshots.bulkAdd(rows);

    let pauses = 0;
    const all: string[] = [];
    for await (const part of csvParts(
      db,
      {},
      { chunkSize: 5000, yieldToEventLoop: async () => void pauses++ },
    ))
      all.push(part);
    expect(all).toHaveLength(4); // header + 3 chunks
    expect(pauses).toBe(2);
    const text = all.join('');
    expect(text.startsWith(BOM)).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(12_346);
    expect(lines[12_345]).toContain(',Entity 12344,');

    const filter = {
      platform: 'meta' as const,
      accountId: 'B',
      from: 1_700_000_000_000 + 100,
      to: 1_700_000_000_000 + 200,
    };
    const filtered: string[] = [];
    for await (const part of csvParts(db, filter, { chunkSize: 50, yieldToEventLoop: async () => {} }))
      filtered.push(part);
    const kept = filtered.join('').slice(1).trimEnd().split('\r\n').slice(1);
    const expected = rows.filter((r) => matchesFilter(r, filter)).map((r) => csvLine(r));
    expect(expected.length).toBeGreaterThan(20);
    expect(kept).toEqual(expected);
  });

  it('csvBlob holds exactly the bytes of the parts, typed as UTF-8 CSV', async () => {
    await db.snapshots.bulkAdd(
      Array.from({ length: 1234 }, (_, i) =>
        snap({ capturedAt: 1_700_000_000_000 + i, entityKey: `e${i}`, entityName: `Київ, "${i}"` }),
      ),
    );
    const parts: string[] = [];
    const noPause = { chunkSize: 100, yieldToEventLoop: async () => {} };
    for await (const part of csvParts(db, {}, noPause)) parts.push(part);
    let progress = 0;
    const blob = await csvBlob(db, {}, { ...noPause, onProgress: (n) => void (progress = n) });
    expect(blob.type).toBe('text/csv;charset=utf-8');
    expect(progress).toBe(1234);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect(Buffer.from(bytes).equals(Buffer.from(parts.join(''), 'utf8'))).toBe(true);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('writes only the header for an empty database', async () => {
    const parts: string[] = [];
    for await (const part of csvParts(db)) parts.push(part);
    expect(parts.join('')).toBe(BOM + csvHeader() + '\r\n');
  });
});
