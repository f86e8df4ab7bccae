import type { CurrencySource, Platform } from '@/lib/model';

/**
 * The one currency policy of KPI Lens, for what is stored, shown, totalled, judged and exported.
 *
 * 1. Sources, strongest first: `page` (the page named the currency: an ISO code or an unambiguous symbol),
 *    `account` (the user set or confirmed it for the ad account), `assumed` (a bare `$`, `¥`, `kr` read the
 *    usual way for the UI language, lib/read/currency.ts), none (unknown).
 * 2. The account setting applies to stored readings too: a row whose page did not name the currency takes
 *    the account's current setting, whenever it was read. A page-named currency is never overridden.
 * 3. An assumed currency counts for display and totals (a USD account's `$` amounts add up as USD), and
 *    every surface that shows it says "assumed" until the user confirms it.
 * 4. Judging: a money KPI is compared with a target that names a currency only when the row's currency is
 *    known; a confirmed one (page, account) may be converted with the user's FX rates, an assumed one only
 *    matches a target in that same currency (converting a guess would judge with a wrong number).
 */

export interface CurrencyOf {
  currency: string | null;
  currencySource: CurrencySource | null;
}

export const UNKNOWN_CURRENCY: CurrencyOf = { currency: null, currencySource: null };

/** `<platform>:<accountId>` → ISO code, as the settings keep it. */
export type AccountCurrencies = Readonly<Record<string, string>>;

export function accountCurrencyKey(platform: Platform, accountId: string): string {
  return `${platform}:${accountId}`;
}

/** The currency the user set for an account, if any (an unknown account has none). */
export function accountCurrencyOf(
  accountCurrencies: AccountCurrencies,
  platform: Platform,
  accountId: string | null,
): string | null {
  return accountId ? (accountCurrencies[accountCurrencyKey(platform, accountId)] ?? null) : null;
}

/** Rule 2: the best known currency of a row read (or stored) as `read`, with the account's setting now. */
export function effectiveCurrency(read: CurrencyOf, accountSetting: string | null): CurrencyOf {
  if (read.currency !== null && read.currencySource === 'page') return read;
  if (accountSetting) return { currency: accountSetting, currencySource: 'account' };
  return read.currency === null ? UNKNOWN_CURRENCY : read;
}

/** Rule 3: the UI says "assumed" next to this currency. */
export function isAssumed(c: CurrencyOf): boolean {
  return c.currency !== null && c.currencySource === 'assumed';
}

/**
 * Stored rows of an earlier version (database v3, backup files written before the source was kept): v3
 * stored a currency only when the page named it or the user had set it for the account (assumed
 * currencies were dropped), and the page came first. `page` is the reading that was right for most rows.
 */
export function legacyCurrencySource(currency: string | null): CurrencySource | null {
  return currency === null ? null : 'page';
}
