import { describe, expect, it } from 'vitest';
import { parseDisplayedNumber, parseDisplayedNumberGeneral, toAsciiDigits } from '@/lib/read/number';

/**
 * `parseDisplayedNumber` answers the common ASCII shapes (`1,234`, `$12.50`, `3.4%`) without the general
 * parser. Both must always agree: this compares them on hand-picked edge cases and on generated digit
 * strings in every UI locale whose decimal mark differs.
 */

const LOCALES = [
  null,
  'en',
  'en-US',
  'de',
  'fr',
  'vi',
  'uk',
  'ru',
  'pt-BR',
  'es',
  'zh-CN',
  'ja',
  'de-CH',
  'en-IN',
];

const EDGE_CASES = [
  '0',
  '00',
  '1',
  '12.34',
  '1.234',
  '1,234',
  '12,34',
  '1,23',
  '1,2345',
  '1.2345',
  '1,234.5',
  '1.234,5',
  '1,234,567',
  '1.234.567',
  '1,234,567.89',
  '0,5',
  '0.5',
  '1.',
  '1,',
  '1..2',
  '1,,2',
  '12,345,67',
  '1,234.567.8',
  '$0',
  '$1,234',
  '$1.234',
  '$1,234.56',
  '$12,34',
  '$1.234,56',
  '$',
  '%',
  '$%',
  '12%',
  '1,5%',
  '1.5%',
  '$12%',
  '999,999',
  '0,001',
  '0.001',
  '1,000.001',
  '99999999999999999999',
];

/** Deterministic pseudo-random digit strings with `.` and `,` in them. */
function generated(count: number): string[] {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = String(Math.floor(next() * 10));
    const length = 1 + Math.floor(next() * 9);
    for (let j = 0; j < length; j++) {
      const r = next();
      s += r < 0.15 ? '.' : r < 0.3 ? ',' : String(Math.floor(next() * 10));
    }
    const decor = next();
    out.push(decor < 0.2 ? `$${s}` : decor < 0.35 ? `${s}%` : s);
  }
  return out;
}

describe('parseDisplayedNumber: the plain-number fast path agrees with the general parser', () => {
  it.each(LOCALES)('edge cases, UI locale %s', (locale) => {
    for (const text of EDGE_CASES)
      expect([text, parseDisplayedNumber(text, locale)]).toEqual([
        text,
        parseDisplayedNumberGeneral(text, locale),
      ]);
  });

  it.each(LOCALES)('3,000 generated digit strings, UI locale %s', (locale) => {
    for (const text of generated(3000))
      expect([text, parseDisplayedNumber(text, locale)]).toEqual([
        text,
        parseDisplayedNumberGeneral(text, locale),
      ]);
  });

  it('Intl-formatted numbers in en and de agree too', () => {
    let checked = 0;
    for (const locale of ['en-US', 'de-DE', 'vi-VN'])
      for (const options of [
        {},
        { maximumFractionDigits: 2, minimumFractionDigits: 2 },
        { style: 'percent', maximumFractionDigits: 2 } as const,
      ]) {
        const format = new Intl.NumberFormat(locale, options);
        for (let v = 0.001; v < 1e9; v *= 3.7) {
          const text = format.format(v);
          expect([text, parseDisplayedNumber(text, locale)]).toEqual([
            text,
            parseDisplayedNumberGeneral(text, locale),
          ]);
          checked++;
        }
      }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('toAsciiDigits', () => {
  it('returns ASCII text unchanged and maps locale digits', () => {
    expect(toAsciiDigits('1,234.56 $')).toBe('1,234.56 $');
    expect(toAsciiDigits('١٢٣')).toBe('123');
    expect(toAsciiDigits('१२३')).toBe('123');
    expect(toAsciiDigits('１２３')).toBe('123');
    expect(toAsciiDigits('12 ₫')).toBe('12 ₫');
  });
});
