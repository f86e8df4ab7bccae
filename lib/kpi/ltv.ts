import type { Platform } from '@/lib/model';
import { accountCurrencyKey } from './currency-policy';

/**
 * Lifetime-value KPIs. No ad page shows what a customer is worth over their lifetime, so the user enters an
 * average LTV per account (settings `accountLtv`, in the account's currency) and these are worked out from
 * it and the page's CPA (spend ÷ conversions, over the rows that show both). Pure.
 *
 * - LTV ROAS = LTV ÷ CPA = conversions × LTV ÷ spend: revenue over the customers' lifetime per unit of spend
 *   (the page's ROAS counts only the first purchase's value). Also the LTV : CAC ratio.
 * - CAC payback = CPA ÷ LTV: the share of a customer's lifetime value spent to win them (100 % = break-even
 *   on revenue over the lifetime).
 */

export interface LtvFigures {
  ltv: number;
  /** null when the CPA is unknown (no conversions, or no spend read). */
  ltvRoas: number | null;
  cacPayback: number | null;
}

export function ltvFigures(ltv: number, cpa: number | null): LtvFigures {
  const usable = cpa !== null && Number.isFinite(cpa) && cpa > 0;
  return { ltv, ltvRoas: usable ? ltv / cpa : null, cacPayback: usable ? cpa / ltv : null };
}

/** The account's LTV setting, or null. */
export function accountLtvOf(
  accountLtv: Readonly<Record<string, number>>,
  platform: Platform,
  accountId: string | null,
): number | null {
  if (!accountId) return null;
  const value = accountLtv[accountCurrencyKey(platform, accountId)];
  return value !== undefined && value > 0 ? value : null;
}
