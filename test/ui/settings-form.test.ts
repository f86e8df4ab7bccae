import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { KpiLensDb } from '@/lib/store/db';
import { currentSets } from '@/lib/ui/current';
import {
  accountSettingsRows,
  breakEvenOf,
  csvFilterOf,
  currenciesInUse,
  deleteAllData,
  EMPTY_CSV_FILTER,
  parseCurrencyCode,
  parseMarginPercent,
  parseRate,
  parseRetentionDays,
  parseTimeZone,
  withEntry,
} from '@/lib/ui/settings-form';
import { row, settings } from './make';

describe('settings fields', () => {
  it('parses margin, retention, currency, time zone and rates as typed', () => {
    expect(parseMarginPercent('30', 'en')).toEqual({ ok: true, value: 0.3 });
    expect(parseMarginPercent('', 'en')).toEqual({ ok: true, value: null });
    expect(parseMarginPercent('0', 'en')).toEqual({ ok: false });
    expect(parseMarginPercent('101', 'en')).toEqual({ ok: false });
    expect(parseRetentionDays('90')).toEqual({ ok: true, value: 90 });
    expect(parseRetentionDays('')).toEqual({ ok: true, value: null });
    expect(parseRetentionDays('1.5')).toEqual({ ok: false });
    expect(parseRetentionDays('0')).toEqual({ ok: false });
    expect(parseCurrencyCode(' vnd ')).toEqual({ ok: true, value: 'VND' });
    expect(parseCurrencyCode('dollars')).toEqual({ ok: false });
    expect(parseTimeZone('Europe/Kyiv')).toEqual({ ok: true, value: 'Europe/Kyiv' });
    expect(parseTimeZone('Mars/Olympus')).toEqual({ ok: false });
    expect(parseRate('0,000041', 'vi')).toEqual({ ok: true, value: 0.000041 });
    expect(parseRate('-1', 'en')).toEqual({ ok: false });
    expect(withEntry({ a: 1, b: 2 }, 'a', null)).toEqual({ b: 2 });
    expect(withEntry({ a: 1 }, 'b', 3)).toEqual({ a: 1, b: 3 });
  });
});

describe('breakEvenOf', () => {
  it('gives 1 ÷ margin and AOV × margin over the current readings', () => {
    const sets = currentSets([
      row({ entityKey: 'c1', metrics: { conversions: 4, conversionValue: 400, spend: 10 } }),
      row({ entityKey: 'c2', metrics: { conversions: 6, conversionValue: 800, spend: 10 } }),
    ]);
    const result = breakEvenOf(settings({ margin: 0.25 }), sets);
    expect(result.roas).toBe(4);
    expect(result.cpa).toBeCloseTo(120 * 0.25, 10);
    expect(result.currency).toBe('USD');
    expect(breakEvenOf(settings(), sets)).toMatchObject({ roas: null, cpa: null });
  });
});

describe('accounts and currencies', () => {
  const latest = [
    row({ entityKey: 'c1', currency: 'VND' }),
    row({ entityKey: 'g1', platform: 'google', accountId: 'G', currency: null }),
  ];
  it('lists accounts with the currency read, and the user’s overrides', () => {
    const s = settings({
      accountCurrencies: { 'google:G': 'USD' },
      accountTimeZones: { 'meta:A1': 'Asia/Ho_Chi_Minh' },
    });
    expect(
      accountSettingsRows(
        [
          { platform: 'meta', accountId: 'A1', accountName: 'Shop', currency: 'VND' },
          { platform: 'google', accountId: 'G', accountName: null, currency: null },
        ],
        s,
      ),
    ).toEqual([
      {
        key: 'meta:A1',
        platform: 'meta',
        accountId: 'A1',
        accountName: 'Shop',
        readCurrency: 'VND',
        currency: null,
        timeZone: 'Asia/Ho_Chi_Minh',
        ltv: null,
      },
      {
        key: 'google:G',
        platform: 'google',
        accountId: 'G',
        accountName: null,
        readCurrency: null,
        currency: 'USD',
        timeZone: null,
        ltv: null,
      },
    ]);
    expect(currenciesInUse(latest, { ...s, reportingCurrency: 'USD', fxRates: { EUR: 1.1 } })).toEqual([
      'EUR',
      'VND',
    ]);
  });
});

describe('csvFilterOf', () => {
  it('turns the form into capture-time bounds over whole local days', () => {
    const filter = csvFilterOf({
      ...EMPTY_CSV_FILTER,
      account: 'generic:sheet:1',
      from: '2026-11-01',
      to: '2026-11-21',
    });
    expect(filter).toEqual({
      platform: 'generic',
      accountId: 'sheet:1',
      from: new Date(2026, 10, 1).getTime(),
      to: new Date(2026, 10, 22).getTime() - 1,
    });
    expect(csvFilterOf({ ...EMPTY_CSV_FILTER, platform: 'meta', level: 'ad' })).toEqual({
      platform: 'meta',
      level: 'ad',
    });
    expect(csvFilterOf({ ...EMPTY_CSV_FILTER, from: '2026-11-02', to: '2026-11-01' })).toBe('invalid');
  });
});

describe('deleteAllData', () => {
  it('empties every table', async () => {
    const db = new KpiLensDb(`delete-test-${Math.random()}`);
    await db.snapshots.add(row({ entityKey: 'c1' }));
    await db.targets.put({ id: 't1', kpi: 'cpa' });
    await deleteAllData(db);
    expect(await Promise.all(db.tables.map((t) => t.count()))).toEqual(db.tables.map(() => 0));
    db.close();
    await db.delete();
  });
});
