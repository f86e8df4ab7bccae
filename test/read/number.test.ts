import { describe, expect, it } from 'vitest';
import { parseDisplayedNumber } from '@/lib/read/number';

describe('parseDisplayedNumber', () => {
  it.each([
    ['$1,684.51', 1684.51, null, '$'],
    ['1.831 ₫', 1831, 'VND', null],
    ['1\u00a0234,56 ₴', 1234.56, 'UAH', null],
    ['1.234,56 €', 1234.56, 'EUR', null],
    ['28.81 $', 28.81, null, '$'],
    ['1,234 SAR', 1234, 'SAR', null],
    ['US$12.50', 12.5, 'USD', null],
    ['(1,234)', -1234, null, null],
    ['−12', -12, null, null],
  ])('%s', (text, value, currency, symbol) => {
    const parsed = parseDisplayedNumber(text);
    expect(parsed?.value).toBe(value);
    expect(parsed?.currency).toBe(currency);
    expect(parsed?.ambiguousSymbol).toBe(symbol);
  });

  it('reads a percent', () => {
    expect(parseDisplayedNumber('2.85%')).toMatchObject({ value: 2.85, percent: true });
  });

  it.each(['—', '-', '--', '', '1.2K', 'Learning'])('treats %j as unknown', (text) => {
    expect(parseDisplayedNumber(text)).toBeNull();
  });

  it('uses the UI locale only for the ambiguous 1.234 shape', () => {
    expect(parseDisplayedNumber('1.234')?.value).toBe(1234);
    expect(parseDisplayedNumber('1,234', 'de')?.value).toBe(1.234);
  });
});
