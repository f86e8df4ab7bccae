import { accountCurrencyKey, accountCurrencyOf } from '@/lib/kpi/currency-policy';
import type { Platform, TableReading } from '@/lib/model';
import { symbolCandidatesOf } from '@/lib/read/currency';
import type { Settings } from '@/lib/store/settings';
import type { Translate } from './explain';

/**
 * The summary panel's one question about an account's currency. A bare `$` (or `¥`, `kr`) is read as an
 * *assumed* currency (lib/read/currency.ts); the panel asks once per account "This account's amounts are
 * in USD?" and the answer becomes the account's currency setting, which applies to the account's stored
 * readings too (lib/kpi/currency-policy.ts). Asked only while the account's readings are assumed and the
 * user has neither set a currency for it nor said "don't ask again" (`currencyPromptDismissed`). Pure.
 */

export interface CurrencyPrompt {
  /** `<platform>:<accountId>`: the prompt's own state (choosing, focus) belongs to this account. */
  key: string;
  platform: Platform;
  accountId: string;
  /** The currency that was assumed, the one "Confirm" sets. */
  assumed: string;
  question: string;
  explanation: string;
  /** Codes the page's symbol may stand for, the assumed one first (first in the choice list). */
  likely: string[];
  /** Every other ISO 4217 code, sorted. */
  others: string[];
}

export type CurrencyAnswer = { kind: 'set'; currency: string } | { kind: 'dismiss' };

const ISO_CODE = /^[A-Z]{3}$/;

/** Where the browser cannot list its currencies. */
const FALLBACK_CODES = [
  ...['AUD', 'BRL', 'CAD', 'CHF', 'CNY', 'EUR', 'GBP', 'HKD', 'INR', 'JPY', 'MXN', 'NZD', 'PLN'],
  ...['SEK', 'SGD', 'TRY', 'UAH', 'USD', 'VND'],
];

/** Current ISO 4217 codes as the browser lists them (a short common list where it cannot). */
function isoCodes(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  let codes: string[] = [];
  try {
    codes = intl.supportedValuesOf?.('currency') ?? [];
  } catch {
    codes = [];
  }
  if (codes.length === 0) codes = FALLBACK_CODES;
  return codes.filter((c) => ISO_CODE.test(c));
}

let codesCache: string[] | null = null;

/** The select's two groups: the symbol's candidates, then every other code. */
export function currencyChoices(assumed: string): { likely: string[]; others: string[] } {
  codesCache ??= isoCodes();
  const likely = symbolCandidatesOf(assumed);
  const taken = new Set(likely);
  return { likely, others: [...new Set(codesCache)].filter((c) => !taken.has(c)).sort() };
}

/** Whether the user said "don't ask again" for this account. */
export function currencyPromptDismissed(
  settings: Pick<Settings, 'currencyPromptDismissed'>,
  platform: Platform,
  accountId: string,
): boolean {
  return settings.currencyPromptDismissed?.[accountCurrencyKey(platform, accountId)] !== undefined;
}

/** The question to ask for this reading, or null (nothing assumed, already answered, no account id). */
export function currencyPrompt(
  reading: TableReading | null,
  settings: Pick<Settings, 'accountCurrencies' | 'currencyPromptDismissed'> | null,
  t: Translate,
): CurrencyPrompt | null {
  if (!reading || !settings || reading.health.status === 'not-recognised') return null;
  const { platform, accountId, currency, currencySource } = reading.context;
  // Without an account id there is no account to remember the answer for.
  if (!accountId || currency === null || currencySource !== 'assumed') return null;
  if (accountCurrencyOf(settings.accountCurrencies, platform, accountId) !== null) return null;
  if (currencyPromptDismissed(settings, platform, accountId)) return null;
  return {
    key: accountCurrencyKey(platform, accountId),
    platform,
    accountId,
    assumed: currency,
    question: t('overlay_currency_question', currency),
    explanation: t('overlay_currency_explanation', currency),
    ...currencyChoices(currency),
  };
}
