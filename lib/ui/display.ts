import { KPI_DEFINITIONS, type KpiId } from '@/lib/kpi/definitions';
import type { Direction, Target, TargetKpi, TargetStatus } from '@/lib/kpi/targets';
import type { Level, Platform } from '@/lib/model';
import type { MessageKey } from '@/lib/i18n';
import { formatMoney, formatMultiple, formatNumber, formatPercent, UNKNOWN_MARK } from '@/lib/format';
import type { GoalReason } from './goals';
import type { ViewScope } from './scope';

/**
 * How values, statuses and labels are shown: pure functions from data to the text (or the message key)
 * a component renders. Status is always words and a symbol, never colour alone.
 */

/** Any KPI the UI shows: the KPI engine's ids and the budget. */
export type DisplayKpi = KpiId | 'budget';

export function kpiUnit(kpi: DisplayKpi): 'money' | 'ratio' | 'multiple' {
  return kpi === 'budget' ? 'money' : KPI_DEFINITIONS[kpi].unit;
}

/** A KPI value in its unit: money with its currency, ratios as %, ROAS as ×. */
export function formatKpiValue(
  kpi: DisplayKpi,
  value: number | null | undefined,
  currency: string | null,
  locale: string,
): string {
  switch (kpiUnit(kpi)) {
    case 'money':
      return formatMoney(value, currency, locale);
    case 'ratio':
      return formatPercent(value, locale);
    case 'multiple':
      return formatMultiple(value, locale);
  }
}

export const STATUS_KEYS: Record<TargetStatus, MessageKey> = {
  'on-track': 'common_status_on_track',
  'at-risk': 'common_status_at_risk',
  'off-track': 'common_status_off_track',
  unknown: 'common_status_unknown',
};

/** A symbol that carries the status without colour (also read out with the word). */
export const STATUS_SYMBOLS: Record<TargetStatus, string> = {
  'on-track': '✓',
  'at-risk': '!',
  'off-track': '✕',
  unknown: '?',
};

export const KPI_NAME_KEYS: Record<DisplayKpi, MessageKey> = {
  aov: 'common_kpi_aov',
  ctr: 'common_kpi_ctr',
  cpc: 'common_kpi_cpc',
  cpm: 'common_kpi_cpm',
  cvr: 'common_kpi_cvr',
  cpa: 'common_kpi_cpa',
  cpl: 'common_kpi_cpl',
  roas: 'common_kpi_roas',
  romi: 'common_kpi_romi',
  budget: 'common_kpi_budget',
};

export const KPI_FORMULA_KEYS: Partial<Record<KpiId, MessageKey>> = {
  ctr: 'common_formula_ctr',
  cpc: 'common_formula_cpc',
  cpm: 'common_formula_cpm',
  cvr: 'common_formula_cvr',
  cpa: 'common_formula_cpa',
  cpl: 'common_formula_cpl',
  roas: 'common_formula_roas',
  romi: 'common_formula_romi',
};

/** Short label: CPA, ROAS, … (acronyms stay as they are in every language; the budget is translated). */
export function kpiShortLabel(kpi: DisplayKpi, translate: (key: MessageKey) => string): string {
  return kpi === 'budget' ? translate('common_kpi_budget_short') : KPI_DEFINITIONS[kpi].label;
}

export const DIRECTION_SYMBOL: Record<Direction, string> = { atMost: '≤', atLeast: '≥' };

export const LEVEL_KEYS: Record<Level, MessageKey> = {
  account: 'common_level_account',
  campaign: 'common_level_campaign',
  adset: 'common_level_adset',
  ad: 'common_level_ad',
  keyword: 'common_level_keyword',
};

/** Brand names are not translated; the generic table is. */
export const PLATFORM_NAMES: Record<Exclude<Platform, 'generic'>, string> = {
  meta: 'Meta',
  google: 'Google Ads',
  tiktok: 'TikTok',
  microsoft: 'Microsoft Advertising',
  linkedin: 'LinkedIn',
};

export function platformName(platform: Platform, translate: (key: MessageKey) => string): string {
  return platform === 'generic' ? translate('common_platform_generic') : PLATFORM_NAMES[platform];
}

export interface DistanceText {
  key: MessageKey;
  amount: string;
}

/**
 * Distance from the target in words: "12% above target" (a cost), "8% below target" (a return), "met";
 * ROMI's distance is in percentage points.
 */
export function distanceText(
  kpi: TargetKpi,
  direction: Direction,
  distance: number | null,
  locale: string,
): DistanceText | null {
  if (distance === null) return null;
  if (distance <= 0) {
    if (distance === 0) return { key: 'common_distance_met', amount: '' };
    const amount =
      kpi === 'romi' ? formatNumber(-distance * 100, locale, 1) : formatPercent(-distance, locale, 1);
    return {
      key: kpi === 'romi' ? 'common_distance_better_points' : 'common_distance_better',
      amount,
    };
  }
  const amount =
    kpi === 'romi' ? formatNumber(distance * 100, locale, 1) : formatPercent(distance, locale, 1);
  if (kpi === 'romi') return { key: 'common_distance_short_points', amount };
  // A cap (atMost) is missed by being above it; a floor by being below it.
  return { key: direction === 'atMost' ? 'common_distance_above' : 'common_distance_below', amount };
}

export const REASON_KEYS: Record<NonNullable<GoalReason>, MessageKey> = {
  'no-value': 'common_reason_no_value',
  'currency-unknown': 'common_reason_currency_unknown',
  'no-fx-rate': 'common_reason_no_fx_rate',
  'unknown-currency': 'common_reason_currency_unknown',
  'no-reporting-currency': 'common_reason_no_reporting_currency',
  'missing-rates': 'common_reason_no_fx_rate',
  'no-time-zone': 'common_reason_no_time_zone',
  'no-clock': 'common_reason_no_value',
  'range-not-current-period': 'common_reason_range_not_current',
  'period-just-started': 'common_reason_period_just_started',
  'no-budget': 'common_reason_no_value',
  'no-rows': 'common_reason_no_rows',
};

/** Looks up the names the user knows accounts and entities by (ids are all a target stores). */
export interface ScopeNames {
  account?: (platform: Platform, accountId: string) => string | null;
  entity?: (platform: Platform, accountId: string, entityKey: string) => string | null;
}

/** The target's scope as words ("All accounts", "Meta", "Meta · Shop (123)", "Campaign …"). */
export function targetScopeText(
  scope: Target['scope'],
  translate: (key: MessageKey, subs?: string | string[]) => string,
  names: ScopeNames = {},
): string {
  switch (scope.kind) {
    case 'all':
      return translate('common_scope_all');
    case 'platform':
      return platformName(scope.platform, translate);
    case 'account': {
      const name = names.account?.(scope.platform, scope.accountId);
      return `${platformName(scope.platform, translate)} · ${name ? `${name} (${scope.accountId})` : scope.accountId}`;
    }
    case 'campaign': {
      const entity =
        names.entity?.(scope.platform, scope.accountId, scope.entityKey) ??
        scope.entityKey.replace(/^name:/, '');
      // The account as the user knows it (its name) when it was read; its id otherwise.
      const account = names.account?.(scope.platform, scope.accountId) ?? scope.accountId;
      return `${platformName(scope.platform, translate)} · ${account} · ${entity}`;
    }
  }
}

/** The view scope in words, for the picker. */
export function viewScopeText(
  scope: ViewScope,
  accountName: string | null,
  translate: (key: MessageKey, subs?: string | string[]) => string,
): string {
  switch (scope.kind) {
    case 'all':
      return translate('popup_scope_everything');
    case 'platform':
      return translate('popup_scope_platform', platformName(scope.platform, translate));
    case 'account':
      return `${platformName(scope.platform, translate)} · ${accountName ? `${accountName} (${scope.accountId})` : scope.accountId}`;
  }
}

export { UNKNOWN_MARK };

/** Names of accounts and entities as last read, for showing targets (which store ids only). */
export function scopeNamesOf(
  latest: readonly {
    platform: Platform;
    accountId: string;
    accountName: string | null;
    entityKey: string;
    entityName: string | null;
  }[],
): ScopeNames {
  const accounts = new Map<string, string>();
  const entities = new Map<string, string>();
  for (const r of latest) {
    if (r.accountName && !accounts.has(`${r.platform}:${r.accountId}`))
      accounts.set(`${r.platform}:${r.accountId}`, r.accountName);
    if (r.entityName) entities.set(`${r.platform}:${r.accountId}:${r.entityKey}`, r.entityName);
  }
  return {
    account: (platform, accountId) => accounts.get(`${platform}:${accountId}`) ?? null,
    entity: (platform, accountId, key) => entities.get(`${platform}:${accountId}:${key}`) ?? null,
  };
}

/**
 * Axis labels for capture times: times of day when the span is under two days, else short dates.
 * `seconds` as uPlot gives them.
 */
export function timeAxisLabels(seconds: readonly number[], locale: string): string[] {
  if (seconds.length === 0) return [];
  const span = (Math.max(...seconds) - Math.min(...seconds)) * 1000;
  const format =
    span < 2 * 86_400_000
      ? new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' })
      : new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' });
  return seconds.map((s) => format.format(s * 1000));
}
