import { describe, expect, it } from 'vitest';
import {
  formatIsoDay,
  formatIsoRange,
  formatMoney,
  formatMultiple,
  formatNumber,
  formatPercent,
  formatSignedPercent,
  formatWhen,
  UNKNOWN_MARK,
} from '@/lib/format';
import {
  distanceText,
  formatKpiValue,
  scopeNamesOf,
  STATUS_KEYS,
  STATUS_SYMBOLS,
  targetScopeText,
  timeAxisLabels,
} from '@/lib/ui/display';
import { row } from './make';

// Intl output uses NBSP / narrow NBSP in places; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f\u2009]/g, ' ');

describe('format', () => {
  it('formats in the user’s locale', () => {
    expect(formatNumber(12345.678, 'en')).toBe('12,345.68');
    expect(plain(formatNumber(12345.678, 'uk'))).toBe('12 345,68');
    expect(formatNumber(12345.678, 'vi')).toBe('12.345,68');
    expect(formatMoney(1684.51, 'USD', 'en-US')).toBe('$1,684.51');
    expect(plain(formatMoney(1831000, 'VND', 'vi'))).toBe('1.831.000 ₫');
    expect(plain(formatMoney(1234.56, 'UAH', 'uk'))).toBe('1 234,56 ₴');
    expect(formatPercent(0.0285, 'en')).toBe('2.85%');
    expect(plain(formatPercent(0.0285, 'uk'))).toMatch(/^2,85 ?%$/);
    expect(formatSignedPercent(0.125, 'en')).toBe('+12.5%');
    expect(formatMultiple(3.25, 'en')).toBe('3.25×');
    expect(formatIsoDay('2026-11-21', 'en')).toBe('Nov 21, 2026');
    expect(plain(formatIsoRange('2026-11-01', '2026-11-21', 'en'))).toBe('Nov 1 – 21, 2026');
  });

  it('shows unknown as a mark, never as 0', () => {
    for (const value of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatNumber(value, 'en')).toBe(UNKNOWN_MARK);
      expect(formatMoney(value, 'USD', 'en')).toBe(UNKNOWN_MARK);
      expect(formatPercent(value, 'en')).toBe(UNKNOWN_MARK);
    }
    expect(formatIsoDay(null, 'en')).toBe(UNKNOWN_MARK);
    expect(formatIsoRange('2026-11-01', null, 'en')).toBe(UNKNOWN_MARK);
  });

  it('does not invent a currency sign when the currency is unknown', () => {
    expect(formatMoney(12.5, null, 'en')).toBe('12.5');
  });

  it('shows a time alone for today, date and time otherwise', () => {
    const now = Date.UTC(2026, 10, 22, 15);
    expect(formatWhen(Date.UTC(2026, 10, 22, 10, 32), 'en-GB', now, 'UTC')).toBe('10:32');
    expect(formatWhen(Date.UTC(2026, 10, 21, 10, 32), 'en-GB', now, 'UTC')).toBe('21/11/2026, 10:32');
  });
});

describe('display', () => {
  it('formats a KPI in its unit', () => {
    expect(formatKpiValue('cpa', 20, 'USD', 'en')).toBe('$20.00');
    expect(formatKpiValue('ctr', 0.0285, null, 'en')).toBe('2.85%');
    expect(formatKpiValue('roas', 3.25, 'USD', 'en')).toBe('3.25×');
    expect(formatKpiValue('budget', 3000, 'EUR', 'en')).toBe('€3,000.00');
  });

  it('never relies on colour alone: each status has a word and a symbol', () => {
    for (const status of ['on-track', 'at-risk', 'off-track', 'unknown'] as const) {
      expect(STATUS_KEYS[status]).toMatch(/^common_status_/);
      expect(STATUS_SYMBOLS[status]).not.toBe('');
    }
    expect(new Set(Object.values(STATUS_SYMBOLS)).size).toBe(4);
  });

  it('words the distance from the target by direction', () => {
    expect(distanceText('cpa', 'atMost', 0.12, 'en')).toEqual({
      key: 'common_distance_above',
      amount: '12%',
    });
    expect(distanceText('roas', 'atLeast', 0.2, 'en')).toEqual({
      key: 'common_distance_below',
      amount: '20%',
    });
    expect(distanceText('roas', 'atLeast', -0.05, 'en')).toEqual({
      key: 'common_distance_better',
      amount: '5%',
    });
    expect(distanceText('romi', 'atLeast', 0.15, 'en')).toEqual({
      key: 'common_distance_short_points',
      amount: '15',
    });
    expect(distanceText('cpa', 'atMost', 0, 'en')).toEqual({ key: 'common_distance_met', amount: '' });
    expect(distanceText('cpa', 'atMost', null, 'en')).toBeNull();
  });

  it('names target scopes with the names last read', () => {
    const names = scopeNamesOf([row({ entityKey: 'c1', entityName: 'Tết Sale' })]);
    const translate = (key: string) => (key === 'common_scope_all' ? 'All accounts' : key);
    expect(targetScopeText({ kind: 'all' }, translate)).toBe('All accounts');
    expect(targetScopeText({ kind: 'account', platform: 'meta', accountId: 'A1' }, translate, names)).toBe(
      'Meta · Shop (A1)',
    );
    expect(
      targetScopeText(
        { kind: 'campaign', platform: 'meta', accountId: 'A1', entityKey: 'c1' },
        translate,
        names,
      ),
    ).toBe('Meta · Shop · Tết Sale');
    expect(
      targetScopeText(
        { kind: 'campaign', platform: 'google', accountId: 'G', entityKey: 'name:Brand' },
        translate,
      ),
    ).toBe('Google Ads · G · Brand');
  });

  it('labels a chart axis with times within a day, dates beyond', () => {
    const t0 = Date.UTC(2026, 10, 22, 9) / 1000;
    expect(timeAxisLabels([t0, t0 + 3600], 'en-GB').every((l) => /^\d{1,2}:\d{2}$/.test(l))).toBe(true);
    expect(timeAxisLabels([t0, t0 + 5 * 86400], 'en').every((l) => /^[A-Z][a-z]{2} \d{1,2}$/.test(l))).toBe(
      true,
    );
  });
});
