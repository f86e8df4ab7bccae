import { describe, expect, it } from 'vitest';
import { accountLtvOf, ltvFigures } from '@/lib/kpi/ltv';

describe('lifetime-value KPIs from the LTV the user entered', () => {
  it('LTV ROAS = LTV ÷ CPA and CAC payback = CPA ÷ LTV (hand-computed)', () => {
    // 6761.85 spent for 521 purchases: CPA 12.9786…; LTV 120.
    const f = ltvFigures(120, 6761.85 / 521);
    expect(f.ltvRoas).toBeCloseTo(9.246, 3); // 120 × 521 ÷ 6761.85
    expect(f.cacPayback).toBeCloseTo(0.10816, 4); // 6761.85 ÷ 521 ÷ 120
  });

  it('an unknown or zero CPA gives unknown figures, never 0 or infinity', () => {
    expect(ltvFigures(120, null)).toEqual({ ltv: 120, ltvRoas: null, cacPayback: null });
    expect(ltvFigures(120, 0)).toEqual({ ltv: 120, ltvRoas: null, cacPayback: null });
    expect(ltvFigures(120, Number.NaN)).toEqual({ ltv: 120, ltvRoas: null, cacPayback: null });
  });

  it('the account’s LTV, by platform and account id', () => {
    const set = { 'meta:583920174615290': 120 };
    expect(accountLtvOf(set, 'meta', '583920174615290')).toBe(120);
    expect(accountLtvOf(set, 'google', '583920174615290')).toBeNull();
    expect(accountLtvOf(set, 'meta', null)).toBeNull();
  });
});
