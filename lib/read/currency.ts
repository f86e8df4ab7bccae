import type { PageContext } from '../model';

export interface CurrencyEvidence {
  currency: string | null;
  ambiguousSymbol: string | null;
}

/**
 * Currencies a bare symbol may stand for, the usual one first when the UI language does not settle it
 * (`$` → USD, `¥` → JPY, `￥` → CNY). `kr` and `Rs` have no usual one: only the UI language can tell.
 */
const CANDIDATES: Record<string, { usual: string | null; candidates: readonly string[] }> = {
  $: {
    usual: 'USD',
    candidates: ['USD', 'CAD', 'AUD', 'NZD', 'MXN', 'SGD', 'HKD', 'TWD', 'CLP', 'ARS', 'COP'],
  },
  '¥': { usual: 'JPY', candidates: ['JPY', 'CNY'] },
  '￥': { usual: 'CNY', candidates: ['JPY', 'CNY'] },
  kr: { usual: null, candidates: ['SEK', 'NOK', 'DKK', 'ISK'] },
  Rs: { usual: null, candidates: ['INR', 'PKR', 'LKR', 'NPR'] },
};

/**
 * The currencies a bare symbol that was assumed to mean `assumed` may stand for (`USD` → USD, CAD, AUD…),
 * `assumed` first; just `[assumed]` for a code no symbol is assumed as.
 */
export function symbolCandidatesOf(assumed: string): string[] {
  const lists = Object.values(CANDIDATES).filter((e) => e.candidates.includes(assumed));
  return [...new Set([assumed, ...lists.flatMap((e) => e.candidates)])];
}

/** `kr.`, `Kr`, `Rs.` are written several ways; the candidates are listed once. */
function symbolKey(symbol: string): string {
  const bare = symbol.replace(/\.$/, '');
  return bare.toLowerCase() === 'kr' ? 'kr' : bare;
}

const symbolCache = new Map<string, string | null>();

/** How the UI locale writes `currency` (Intl's `symbol` display), without a trailing dot; null if unknown. */
function localeSymbol(locale: string, currency: string): string | null {
  const key = `${locale}\u001f${currency}`;
  if (symbolCache.has(key)) return symbolCache.get(key)!;
  let out: string | null = null;
  try {
    const part = new Intl.NumberFormat(locale, { style: 'currency', currency })
      .formatToParts(1)
      .find((p) => p.type === 'currency');
    out = part ? part.value.replace(/\.$/, '') : null;
  } catch {
    out = null; // an invalid locale tag: no help from it
  }
  symbolCache.set(key, out);
  return out;
}

/**
 * What a bare symbol most likely means, used only as a visible assumption. The ad managers format the
 * account's currency with the UI language's conventions (as Intl does), so the currency that this UI
 * language writes as exactly this symbol is meant (`¥` in a Chinese UI is CNY, `$` in en-CA is CAD,
 * `kr` in Swedish SEK); when none or several do, the usual reading (or none).
 */
export function assumedCurrencyOf(symbol: string, uiLocale: string | null): string | null {
  const entry = CANDIDATES[symbolKey(symbol)];
  if (!entry) return null;
  if (uiLocale) {
    const wanted = symbol.replace(/\.$/, '').toLowerCase();
    const matching = entry.candidates.filter((c) => localeSymbol(uiLocale, c)?.toLowerCase() === wanted);
    if (matching.length === 1) return matching[0]!;
  }
  return entry.usual;
}

/**
 * The money columns' currency: named on the page (ISO code or an unambiguous symbol) → the user's setting
 * for this account → an assumption the UI marks as assumed. Conflicting codes on one page give null.
 */
export function resolveCurrency(
  evidence: readonly CurrencyEvidence[],
  accountSetting: string | null,
  uiLocale: string | null = null,
): Pick<PageContext, 'currency' | 'currencySource'> {
  const named = new Set(evidence.map((e) => e.currency).filter((c): c is string => !!c));
  if (named.size === 1) return { currency: [...named][0]!, currencySource: 'page' };
  if (named.size > 1) return { currency: null, currencySource: null };
  if (accountSetting) return { currency: accountSetting, currencySource: 'account' };
  const symbol = evidence.find((e) => e.ambiguousSymbol)?.ambiguousSymbol;
  const assumed = symbol ? assumedCurrencyOf(symbol, uiLocale) : null;
  return assumed
    ? { currency: assumed, currencySource: 'assumed' }
    : { currency: null, currencySource: null };
}
