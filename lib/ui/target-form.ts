import { KPI_DEFINITIONS } from '@/lib/kpi/definitions';
import { judgeEntity } from '@/lib/kpi/judge';
import {
  defaultDirection,
  DEFAULT_TOLERANCE,
  isMoneyTarget,
  targetSchema,
  type Direction,
  type Target,
  type TargetInput,
  type TargetKpi,
  type TargetStatus,
} from '@/lib/kpi/targets';
import type { Platform, Snapshot } from '@/lib/model';
import { PLATFORMS } from '@/lib/model';
import type { MessageKey } from '@/lib/i18n';
import type { CurrentSet } from './current';
import type { GoalSettings } from './goals';
import { budgetGoal, rowsForTarget } from './goals';
import { ALL } from './scope';

/**
 * The targets editor's form: what the user typed (strings, as typed) ↔ a validated target. Rates (CTR,
 * CVR, ROMI) are typed as percentages and stored as fractions; ROAS as a multiple; money in its currency.
 */

export type ScopeKind = Target['scope']['kind'];
export type ValueUnit = 'money' | 'percent' | 'multiple';

export interface TargetDraft {
  /** null for a new target. */
  id: string | null;
  kpi: TargetKpi;
  scopeKind: ScopeKind;
  platform: Platform | '';
  accountId: string;
  entityKey: string;
  direction: Direction;
  value: string;
  /** '' = the currency of whatever row the target is applied to. */
  currency: string;
  period: 'day' | 'month' | '';
  /** Percent, as typed. */
  tolerance: string;
  muted: boolean;
}

export type DraftField =
  'value' | 'currency' | 'period' | 'tolerance' | 'platform' | 'accountId' | 'entityKey';
export type DraftErrors = Partial<Record<DraftField, MessageKey>>;

export function valueUnit(kpi: TargetKpi): ValueUnit {
  if (isMoneyTarget(kpi)) return 'money';
  if (kpi === 'roas') return 'multiple';
  return 'percent';
}

export function emptyDraft(kpi: TargetKpi = 'cpa'): TargetDraft {
  return {
    id: null,
    kpi,
    scopeKind: 'all',
    platform: '',
    accountId: '',
    entityKey: '',
    direction: defaultDirection(kpi),
    value: '',
    currency: '',
    period: kpi === 'budget' ? 'month' : '',
    tolerance: String(DEFAULT_TOLERANCE * 100),
    muted: false,
  };
}

/** Switching the KPI resets what depends on it (direction, period) and keeps the rest. */
export function withKpi(draft: TargetDraft, kpi: TargetKpi): TargetDraft {
  return {
    ...draft,
    kpi,
    direction: defaultDirection(kpi),
    period: kpi === 'budget' ? draft.period || 'month' : '',
    currency: isMoneyTarget(kpi) ? draft.currency : '',
  };
}

/** Shortest text for a number as the user would type it back (no float noise like 2.4999999). */
function typed(value: number): string {
  return String(Number(value.toPrecision(12)));
}

export function draftOf(target: Target): TargetDraft {
  const scope = target.scope;
  const unit = valueUnit(target.kpi);
  return {
    id: target.id,
    kpi: target.kpi,
    scopeKind: scope.kind,
    platform: scope.kind === 'all' ? '' : scope.platform,
    accountId: scope.kind === 'account' || scope.kind === 'campaign' ? scope.accountId : '',
    entityKey: scope.kind === 'campaign' ? scope.entityKey : '',
    direction: target.direction,
    value: typed(unit === 'percent' ? target.value * 100 : target.value),
    currency: target.currency ?? '',
    period: target.period ?? '',
    tolerance: typed(target.tolerance * 100),
    muted: target.muted,
  };
}

/** The decimal separator of a locale (`.` in en, `,` in vi and uk). */
export function decimalSeparator(locale: string): string {
  return new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
}

/**
 * A number as people type it: `25`, `2.5`, `2,5`, `1 234,5`, `1,234.5`, `1.000` (vi). null when it is not
 * one. A single separator is the decimal point when it is the locale's, or when it is not followed by
 * exactly three digits; otherwise (`1,000` in English) it groups thousands.
 */
/** `1,234,567`: groups of three after a first group of one to three digits. */
function thousands(integer: string, separator: string): boolean {
  const [first, ...rest] = integer.replace(/^-/, '').split(separator);
  return /^\d{1,3}$/.test(first ?? '') && rest.every((g) => /^\d{3}$/.test(g));
}

export function parseTypedNumber(text: string, locale = 'en'): number | null {
  const compact = text
    .trim()
    .replace(/[\s\u00a0\u202f']/g, '')
    .replace(/^\u2212/, '-');
  if (!/^-?[\d.,]+$/.test(compact)) return null;
  const dots = compact.split('.').length - 1;
  const commas = compact.split(',').length - 1;
  let normal: string;
  if (dots > 0 && commas > 0) {
    const decimal = compact.lastIndexOf('.') > compact.lastIndexOf(',') ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    if (compact.split(decimal).length - 1 > 1) return null;
    if (!thousands(compact.slice(0, compact.lastIndexOf(decimal)), group)) return null;
    normal = compact.split(group).join('').replace(decimal, '.');
  } else if (dots + commas === 0) {
    normal = compact;
  } else {
    const sep = dots > 0 ? '.' : ',';
    const count = dots + commas;
    const before = compact.slice(0, compact.indexOf(sep));
    const after = compact.slice(compact.lastIndexOf(sep) + 1);
    // `0,125` is never a thousand-grouped number.
    const grouping =
      count > 1 || (sep !== decimalSeparator(locale) && after.length === 3 && !/^-?0?$/.test(before));
    if (grouping && !thousands(compact, sep)) return null;
    normal = grouping ? compact.split(sep).join('') : compact.replace(sep, '.');
  }
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(normal)) return null;
  const value = Number(normal);
  return Number.isFinite(value) ? value : null;
}

export type ParsedDraft = { ok: true; target: Target } | { ok: false; errors: DraftErrors };

export function parseDraft(draft: TargetDraft, newId: () => string, locale = 'en'): ParsedDraft {
  const errors: DraftErrors = {};
  const unit = valueUnit(draft.kpi);
  const typedValue = parseTypedNumber(draft.value, locale);
  if (typedValue === null) errors.value = 'options_error_number';
  const tolerance = parseTypedNumber(draft.tolerance, locale);
  if (tolerance === null || tolerance < 0 || tolerance > 100) errors.tolerance = 'options_error_tolerance';
  const currency = draft.currency.trim().toUpperCase();
  if (isMoneyTarget(draft.kpi) && currency && !/^[A-Z]{3}$/.test(currency))
    errors.currency = 'options_error_currency';
  // One number of money for several accounts means nothing without its currency: the accounts may differ.
  else if (
    isMoneyTarget(draft.kpi) &&
    !currency &&
    (draft.scopeKind === 'all' || draft.scopeKind === 'platform')
  )
    errors.currency = 'options_error_currency_wide';
  if (draft.kpi === 'budget' && !draft.period) errors.period = 'options_error_period';
  if (draft.scopeKind !== 'all' && !(PLATFORMS as readonly string[]).includes(draft.platform))
    errors.platform = 'options_error_platform';
  if ((draft.scopeKind === 'account' || draft.scopeKind === 'campaign') && !draft.accountId.trim())
    errors.accountId = 'options_error_account';
  if (draft.scopeKind === 'campaign' && !draft.entityKey.trim()) errors.entityKey = 'options_error_entity';
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const platform = draft.platform as Platform;
  const accountId = draft.accountId.trim();
  const scope: TargetInput['scope'] =
    draft.scopeKind === 'all'
      ? { kind: 'all' }
      : draft.scopeKind === 'platform'
        ? { kind: 'platform', platform }
        : draft.scopeKind === 'account'
          ? { kind: 'account', platform, accountId }
          : { kind: 'campaign', platform, accountId, entityKey: draft.entityKey.trim() };
  const input: TargetInput = {
    id: draft.id ?? newId(),
    scope,
    kpi: draft.kpi,
    direction: draft.direction,
    value: unit === 'percent' ? typedValue! / 100 : typedValue!,
    currency: isMoneyTarget(draft.kpi) && currency ? currency : null,
    period: draft.kpi === 'budget' ? (draft.period as 'day' | 'month') : null,
    tolerance: tolerance! / 100,
    muted: draft.muted,
  };
  const parsed = targetSchema.safeParse(input);
  if (parsed.success) return { ok: true, target: parsed.data };
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field === 'value')
      errors.value = draft.kpi === 'romi' ? 'options_error_romi_min' : 'options_error_value_positive';
    else if (field === 'tolerance') errors.tolerance = 'options_error_tolerance';
    else if (field === 'currency') errors.currency = 'options_error_currency';
    else if (field === 'period') errors.period = 'options_error_period';
    else if (field === 'scope') errors.accountId = 'options_error_account';
    else errors.value ??= 'options_error_number';
  }
  return { ok: false, errors };
}

export interface StatusCounts {
  'on-track': number;
  'at-risk': number;
  'off-track': number;
  unknown: number;
  total: number;
}

/**
 * How many current entities this target (alone) finds on track, at risk and off track: the live count
 * beside the editor. Budgets are counted per entity whose range is the current period.
 */
export function liveCounts(
  target: Target,
  sets: readonly CurrentSet[],
  latest: readonly Snapshot[],
  settings: GoalSettings,
  now: number,
): StatusCounts {
  if (target.kpi === 'budget' && target.scope.kind !== 'campaign') {
    // A budget is judged on its whole scope's spend: one judgement, not one per entity.
    const goal = budgetGoal(target, ALL, latest, settings, now);
    const none = { 'on-track': 0, 'at-risk': 0, 'off-track': 0, unknown: 0 };
    return goal.rowsTotal === 0 ? { ...none, total: 0 } : { ...none, [goal.status]: 1, total: 1 };
  }
  const rows = rowsForTarget(target, ALL, sets, latest);
  const counts: StatusCounts = {
    'on-track': 0,
    'at-risk': 0,
    'off-track': 0,
    unknown: 0,
    total: rows.length,
  };
  // This target alone, on the KPI it sets (never against break-even), by the one judge.
  const judge = { ...settings, breakEvenFallback: false, now };
  for (const row of rows) {
    const result = judgeEntity(row, [target], [], judge, [target.kpi]).results[0];
    counts[(result?.status ?? 'unknown') as TargetStatus] += 1;
  }
  return counts;
}

/** KPI ids the editor offers, with the English reference label (the UI translates by id). */
export function targetKpiLabel(kpi: TargetKpi): string {
  return kpi === 'budget' ? 'Budget' : KPI_DEFINITIONS[kpi].label;
}

/** Campaigns of an account the user has seen (as the store's account rows list them), for the "one campaign" scope. */
export function campaignChoices(
  accounts: readonly {
    platform: Platform;
    accountId: string;
    campaigns: Readonly<Record<string, { name: string | null }>>;
  }[],
  platform: Platform | '',
  accountId: string,
): { entityKey: string; name: string }[] {
  const account = accounts.find((a) => a.platform === platform && a.accountId === accountId);
  return Object.entries(account?.campaigns ?? {})
    .map(([entityKey, c]) => ({ entityKey, name: c.name ?? entityKey }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A new target id (time + randomness: unique within one profile). */
export function newTargetId(): string {
  return `t-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
