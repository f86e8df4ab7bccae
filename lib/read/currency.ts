import type { PageContext } from '../model';

export interface CurrencyEvidence {
  currency: string | null;
  ambiguousSymbol: string | null;
}

/** What a bare symbol most likely means, used only as a visible assumption. */
const ASSUMED_FOR_SYMBOL: Record<string, string> = { $: 'USD', '¥': 'JPY', '￥': 'CNY' };

/**
 * The money columns' currency: named on the page (ISO code or an unambiguous symbol) → the user's setting
 * for this account → an assumption the UI marks as assumed. Conflicting codes on one page give null.
 */
export function resolveCurrency(
  evidence: readonly CurrencyEvidence[],
  accountSetting: string | null,
): Pick<PageContext, 'currency' | 'currencySource'> {
  const named = new Set(evidence.map((e) => e.currency).filter((c): c is string => !!c));
  if (named.size === 1) return { currency: [...named][0]!, currencySource: 'page' };
  if (named.size > 1) return { currency: null, currencySource: null };
  if (accountSetting) return { currency: accountSetting, currencySource: 'account-setting' };
  const symbol = evidence.find((e) => e.ambiguousSymbol)?.ambiguousSymbol;
  const assumed = symbol ? ASSUMED_FOR_SYMBOL[symbol] : undefined;
  return assumed
    ? { currency: assumed, currencySource: 'assumed' }
    : { currency: null, currencySource: null };
}
