import { describe, expect, it } from 'vitest';
import { assumedCurrencyOf, resolveCurrency } from '@/lib/read/currency';
import type { CurrencyEvidence } from '@/lib/read/currency';
import { parseDisplayedNumber } from '@/lib/read/number';

const code = (currency: string): CurrencyEvidence => ({ currency, ambiguousSymbol: null });
const symbol = (s: string): CurrencyEvidence => ({ currency: null, ambiguousSymbol: s });
const none: CurrencyEvidence = { currency: null, ambiguousSymbol: null };

describe('resolveCurrency', () => {
  it('takes the currency the page names, over the account setting', () => {
    expect(resolveCurrency([code('EUR'), none, code('EUR')], 'USD')).toEqual({
      currency: 'EUR',
      currencySource: 'page',
    });
  });

  it('gives up when the page names two currencies, even with an account setting', () => {
    expect(resolveCurrency([code('EUR'), code('USD')], null)).toEqual({
      currency: null,
      currencySource: null,
    });
    expect(resolveCurrency([code('EUR'), code('USD')], 'EUR')).toEqual({
      currency: null,
      currencySource: null,
    });
  });

  it('a named code settles a bare symbol elsewhere on the page', () => {
    expect(resolveCurrency([symbol('$'), code('CAD')], null)).toEqual({
      currency: 'CAD',
      currencySource: 'page',
    });
  });

  it("uses the user's setting for the account when the page shows only a shared symbol or nothing", () => {
    expect(resolveCurrency([symbol('$')], 'AUD')).toEqual({
      currency: 'AUD',
      currencySource: 'account',
    });
    expect(resolveCurrency([], 'SGD')).toEqual({ currency: 'SGD', currencySource: 'account' });
  });

  it('assumes USD for a bare $ (marked as assumed), and the usual reading of ¥ / ￥', () => {
    expect(resolveCurrency([none, symbol('$')], null)).toEqual({
      currency: 'USD',
      currencySource: 'assumed',
    });
    expect(resolveCurrency([symbol('¥')], null)).toEqual({ currency: 'JPY', currencySource: 'assumed' });
    expect(resolveCurrency([symbol('￥')], null)).toEqual({ currency: 'CNY', currencySource: 'assumed' });
  });

  it('assumes nothing for a symbol with no usual reading, or no evidence at all', () => {
    expect(resolveCurrency([symbol('kr')], null)).toEqual({ currency: null, currencySource: null });
    expect(resolveCurrency([none], null)).toEqual({ currency: null, currencySource: null });
    expect(resolveCurrency([], null)).toEqual({ currency: null, currencySource: null });
  });

  it('takes parsed numbers as evidence directly', () => {
    const cells = ['$1,684.51', '—', '$10.21'].map((t) => parseDisplayedNumber(t));
    const evidence = cells.filter((c) => c !== null);
    expect(resolveCurrency(evidence, null)).toEqual({ currency: 'USD', currencySource: 'assumed' });
    const vnd = ['1.831 ₫', '200.000 đ'].map((t) => parseDisplayedNumber(t, 'vi')!);
    expect(resolveCurrency(vnd, 'USD')).toEqual({ currency: 'VND', currencySource: 'page' });
    const tiktok = ['1,234 SAR', '0.00 SAR'].map((t) => parseDisplayedNumber(t)!);
    expect(resolveCurrency(tiktok, null)).toEqual({ currency: 'SAR', currencySource: 'page' });
  });
});

describe('assumedCurrencyOf: a bare symbol read as the UI language writes currencies', () => {
  it.each([
    ['$', null, 'USD'],
    ['$', 'en-US', 'USD'],
    ['$', 'ru', 'USD'],
    ['$', 'en-CA', 'CAD'],
    ['$', 'es-MX', 'MXN'],
    ['$', 'en-AU', 'AUD'],
    ['¥', null, 'JPY'],
    ['¥', 'en', 'JPY'],
    ['¥', 'zh-CN', 'CNY'],
    ['¥', 'zh', 'CNY'],
    ['￥', 'ja', 'JPY'],
    ['￥', null, 'CNY'],
    ['kr', 'sv', 'SEK'],
    ['kr', 'nb', 'NOK'],
    ['kr.', 'da', 'DKK'],
    ['kr', null, null],
    ['kr', 'en', null],
    ['Rs', 'ur', 'PKR'],
    ['Rs', 'en', null],
    ['$', 'not a locale', 'USD'],
  ])('%s in %s → %s', (symbol, locale, expected) => {
    expect(assumedCurrencyOf(symbol, locale)).toBe(expected);
  });

  it('resolveCurrency passes the UI language on, and the account setting still wins over it', () => {
    expect(resolveCurrency([symbol('¥')], null, 'zh-CN')).toEqual({
      currency: 'CNY',
      currencySource: 'assumed',
    });
    expect(resolveCurrency([symbol('kr')], null, 'sv')).toEqual({
      currency: 'SEK',
      currencySource: 'assumed',
    });
    expect(resolveCurrency([symbol('¥')], 'JPY', 'zh-CN')).toEqual({
      currency: 'JPY',
      currencySource: 'account',
    });
  });
});
