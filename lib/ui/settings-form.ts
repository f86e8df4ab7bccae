import { breakEvenRoas, usableMargin } from '@/lib/kpi/formulas';
import { isValidTimeZone } from '@/lib/kpi/pacing';
import type { Platform, Snapshot } from '@/lib/model';
import type { CsvFilter } from '@/lib/export/csv';
import type { KpiLensDb } from '@/lib/store/db';
import type { Settings } from '@/lib/store/settings';
import { blendedKpi, fxTableOf, type BlendProblem } from './blend';
import { accountKey, type CurrentSet } from './current';
import { parseTypedNumber } from './target-form';

/** The options page's settings sections: parsing what was typed and what to show beside it. */

export type Parsed<T> = { ok: true; value: T } | { ok: false };

/** Margin typed as a percentage (30 → 0.3); empty = not set. */
export function parseMarginPercent(text: string, locale: string): Parsed<number | null> {
  if (!text.trim()) return { ok: true, value: null };
  const percent = parseTypedNumber(text, locale);
  if (percent === null || percent <= 0 || percent > 100) return { ok: false };
  return { ok: true, value: percent / 100 };
}

/** Retention typed in days; empty = keep everything. */
export function parseRetentionDays(text: string): Parsed<number | null> {
  if (!text.trim()) return { ok: true, value: null };
  if (!/^\d+$/.test(text.trim())) return { ok: false };
  const days = Number(text.trim());
  return days >= 1 && days <= 36500 ? { ok: true, value: days } : { ok: false };
}

export function parseCurrencyCode(text: string): Parsed<string | null> {
  const code = text.trim().toUpperCase();
  if (!code) return { ok: true, value: null };
  return /^[A-Z]{3}$/.test(code) ? { ok: true, value: code } : { ok: false };
}

export function parseTimeZone(text: string): Parsed<string | null> {
  const zone = text.trim();
  if (!zone) return { ok: true, value: null };
  return isValidTimeZone(zone) ? { ok: true, value: zone } : { ok: false };
}

/** A rate typed by the user: value of one unit of the currency in the reporting currency. */
export function parseRate(text: string, locale: string): Parsed<number | null> {
  if (!text.trim()) return { ok: true, value: null };
  const rate = parseTypedNumber(text, locale);
  return rate !== null && rate > 0 ? { ok: true, value: rate } : { ok: false };
}

export interface BreakEven {
  /** 1 ÷ margin. */
  roas: number | null;
  /** AOV × margin over the current readings, in `currency`. */
  cpa: number | null;
  currency: string | null;
  problem: BlendProblem | null;
}

export function breakEvenOf(settings: Settings, sets: readonly CurrentSet[]): BreakEven {
  const margin = usableMargin(settings.margin);
  const rows = sets.flatMap((s) => s.rows);
  const aov = blendedKpi('aov', rows, { fx: fxTableOf(settings) });
  return {
    roas: breakEvenRoas(margin),
    cpa: margin === null || aov.value === null ? null : aov.value * margin,
    currency: aov.currency,
    problem: aov.problem,
  };
}

/** Currencies of the readings (or accounts) and of the user's settings, for the FX table. */
export function currenciesInUse(read: readonly { currency: string | null }[], settings: Settings): string[] {
  const all = new Set<string>();
  for (const r of read) if (r.currency) all.add(r.currency);
  for (const c of Object.values(settings.accountCurrencies)) all.add(c);
  for (const c of Object.keys(settings.fxRates)) all.add(c);
  if (settings.reportingCurrency) all.delete(settings.reportingCurrency);
  return [...all].sort();
}

export interface AccountSettingsRow {
  key: string;
  platform: Platform;
  accountId: string;
  accountName: string | null;
  /** Currency the pages showed (newest reading), null when unknown. */
  readCurrency: string | null;
  currency: string | null;
  timeZone: string | null;
  /** The average customer lifetime value the user entered (account currency), null when not set. */
  ltv: number | null;
}

/** The accounts as the settings list them; `currency` is the newest currency their pages showed. */
export function accountSettingsRows(
  accounts: readonly {
    platform: Platform;
    accountId: string;
    accountName: string | null;
    currency: string | null;
  }[],
  settings: Settings,
): AccountSettingsRow[] {
  return accounts.map((a) => {
    const key = accountKey(a);
    return {
      key,
      platform: a.platform,
      accountId: a.accountId,
      accountName: a.accountName,
      readCurrency: a.currency,
      currency: settings.accountCurrencies[key] ?? null,
      timeZone: settings.accountTimeZones[key] ?? null,
      ltv: settings.accountLtv[key] ?? null,
    };
  });
}

/** Sets or clears one entry of a `<platform>:<accountId>` record. */
export function withEntry<T>(record: Record<string, T>, key: string, value: T | null): Record<string, T> {
  const next = { ...record };
  if (value === null) delete next[key];
  else next[key] = value;
  return next;
}

/** IANA zones for the time-zone field's suggestions (empty where the browser cannot list them). */
export function timeZoneChoices(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

/** Common ISO 4217 codes for the currency fields' suggestions. */
export const COMMON_CURRENCIES = [
  'USD',
  'EUR',
  'GBP',
  'VND',
  'UAH',
  'PLN',
  'CAD',
  'AUD',
  'JPY',
  'INR',
  'BRL',
  'MXN',
  'SGD',
  'THB',
  'IDR',
  'PHP',
  'MYR',
  'TRY',
  'CHF',
  'SEK',
  'CZK',
] as const;

/**
 * Deletes every reading, target and alert of this profile (the settings are reset by the caller). One
 * transaction: all or nothing.
 */
export async function deleteAllData(db: KpiLensDb): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((table) => table.clear()));
  });
}

/** Readings stored, for the data section and the delete confirmation. */
export async function countReadings(db: KpiLensDb): Promise<number> {
  return db.snapshots.count();
}

function localDayStart(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const ms = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
  return Number.isFinite(ms) ? ms : null;
}

export interface CsvFilterDraft {
  platform: Platform | '';
  /** `<platform>:<accountId>` or ''. */
  account: string;
  level: Snapshot['level'] | '';
  /** `YYYY-MM-DD` local days, both inclusive, '' = open. */
  from: string;
  to: string;
}

export const EMPTY_CSV_FILTER: CsvFilterDraft = { platform: '', account: '', level: '', from: '', to: '' };

/**
 * The export filter from the form: capture days are the user's local days, both inclusive. An account
 * implies its platform. 'invalid' when the range is reversed.
 */
export function csvFilterOf(draft: CsvFilterDraft): CsvFilter | 'invalid' {
  const filter: CsvFilter = {};
  if (draft.account) {
    const cut = draft.account.indexOf(':');
    filter.platform = draft.account.slice(0, cut) as Platform;
    filter.accountId = draft.account.slice(cut + 1);
  } else if (draft.platform) filter.platform = draft.platform;
  if (draft.level) filter.level = draft.level;
  const from = draft.from ? localDayStart(draft.from) : null;
  const toStart = draft.to ? localDayStart(draft.to) : null;
  if (from !== null) filter.from = from;
  if (toStart !== null) {
    const [y, m, d] = draft.to.split('-').map(Number) as [number, number, number];
    filter.to = new Date(y, m - 1, d + 1).getTime() - 1;
  }
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) return 'invalid';
  return filter;
}
