import { describe, expect, it } from 'vitest';
import {
  blendedTotals,
  convert,
  converterFor,
  fxTableSchema,
  rateToReporting,
  type FxTable,
} from '@/lib/kpi/fx';

const table: FxTable = { reportingCurrency: 'USD', rates: { EUR: 1.08, VND: 0.00004 } };

describe('convert', () => {
  it('converts through the reporting currency', () => {
    expect(convert(table, 100, 'EUR', 'USD')).toBeCloseTo(108, 9);
    expect(convert(table, 1_000_000, 'VND', 'USD')).toBeCloseTo(40, 9);
    expect(convert(table, 108, 'USD', 'EUR')).toBeCloseTo(100, 9);
    expect(convert(table, 100, 'EUR', 'VND')).toBeCloseTo(2_700_000, 3); // 108 USD ÷ 0.00004
  });

  it('needs no rate within one currency', () => {
    expect(convert(null, 42, 'UAH', 'UAH')).toBe(42);
  });

  it('returns null without a rate', () => {
    expect(convert(table, 100, 'GBP', 'USD')).toBeNull();
    expect(convert(table, 100, 'USD', 'GBP')).toBeNull();
    expect(convert(undefined, 100, 'EUR', 'USD')).toBeNull();
    expect(converterFor(table)(100, 'EUR', 'USD')).toBeCloseTo(108, 9);
    expect(rateToReporting(table, 'USD')).toBe(1);
    expect(rateToReporting(table, 'GBP')).toBeNull();
  });

  it('validates entered rates', () => {
    expect(fxTableSchema.safeParse({ reportingCurrency: 'USD', rates: { EUR: -1 } }).success).toBe(false);
    expect(fxTableSchema.safeParse({ reportingCurrency: 'USD', rates: { eur: 1 } }).success).toBe(false);
    expect(fxTableSchema.parse({ reportingCurrency: 'USD' })).toEqual({
      reportingCurrency: 'USD',
      rates: {},
    });
  });
});

describe('blendedTotals', () => {
  const meta = { currency: 'USD', metrics: { spend: 100, conversionValue: 300, clicks: 50 } };
  const google = { currency: 'EUR', metrics: { spend: 100, conversionValue: 250, clicks: 30 } };
  const tiktok = { currency: 'VND', metrics: { spend: 2_500_000, clicks: 20 } };

  it('converts, sums and computes MER over rows that know both', () => {
    const { result, missingRates } = blendedTotals([meta, google, tiktok], { fx: table });
    expect(missingRates).toEqual([]);
    expect(result?.currency).toBe('USD');
    expect(result?.totals.sums.spend).toBeCloseTo(308, 9); // 100 + 108 + 100
    expect(result?.totals.sums.conversionValue).toBeCloseTo(570, 9); // 300 + 270
    expect(result?.totals.sums.clicks).toBe(100);
    expect(result?.mer).toBeCloseTo(570 / 208, 12); // TikTok shows no value, so its spend is left out
    expect(result?.merComplete).toBe(false);
  });

  it('refuses to add a currency without a rate and lists it', () => {
    const gbp = { currency: 'GBP', metrics: { spend: 10 } };
    const chf = { currency: 'CHF', metrics: { conversionValue: 10 } };
    expect(blendedTotals([meta, gbp, chf], { fx: table })).toEqual({
      result: null,
      missingRates: ['CHF', 'GBP'],
      unknownCurrencyRows: 0,
    });
  });

  it('refuses money in an unknown currency', () => {
    const unknown = { currency: null, metrics: { spend: 10 } };
    expect(blendedTotals([meta, unknown], { fx: table })).toMatchObject({
      result: null,
      unknownCurrencyRows: 1,
    });
    // A row with counts only does not need a currency.
    expect(
      blendedTotals([meta, { currency: null, metrics: { clicks: 5 } }], { fx: table }).result?.totals.sums
        .clicks,
    ).toBe(55);
  });

  it('sums one currency without any FX table', () => {
    const { result } = blendedTotals([
      meta,
      { currency: 'USD', metrics: { spend: 50, conversionValue: 100 } },
    ]);
    expect(result?.currency).toBe('USD');
    expect(result?.mer).toBeCloseTo(400 / 150, 12);
    expect(result?.merComplete).toBe(true);
  });

  it('refuses several currencies without an FX table', () => {
    expect(blendedTotals([meta, google])).toEqual({
      result: null,
      missingRates: ['EUR', 'USD'],
      unknownCurrencyRows: 0,
    });
  });

  it('converts into a chosen currency', () => {
    const { result } = blendedTotals([meta, google], { fx: table, to: 'EUR' });
    expect(result?.currency).toBe('EUR');
    expect(result?.totals.sums.spend).toBeCloseTo(100 / 1.08 + 100, 9);
    expect(result?.mer).toBeCloseTo(570 / 208, 12); // the same MER as in USD: a ratio has no currency
  });
});
