import * as z from '@/lib/zod';
import { currencySchema, platformSchema, type Platform } from '@/lib/model';
import { KPI_DEFINITIONS, type KpiComponents } from './definitions';
import { breakEvenCpa, breakEvenRoas } from './formulas';
import type { ConvertFn } from './fx';

/**
 * The buyer's own targets and how a value is judged against them (DESIGN.md §5): on track when the
 * target is met, at risk within the tolerance band, off track beyond it.
 */

export const TARGET_KPIS = ['cpa', 'cpl', 'roas', 'romi', 'ctr', 'cvr', 'cpc', 'cpm', 'budget'] as const;
export type TargetKpi = (typeof TARGET_KPIS)[number];
export const targetKpiSchema = z.enum(TARGET_KPIS);

export const DIRECTIONS = ['atMost', 'atLeast'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const DEFAULT_TOLERANCE = 0.1;

const accountIdSchema = z.nonEmptyString(64);
export const targetScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('platform'), platform: platformSchema }),
  z.object({ kind: z.literal('account'), platform: platformSchema, accountId: accountIdSchema }),
  z.object({
    kind: z.literal('campaign'),
    platform: platformSchema,
    accountId: accountIdSchema,
    entityKey: z.nonEmptyString(1100),
  }),
]);
export type TargetScope = z.infer<typeof targetScopeSchema>;

const MONEY_TARGETS: readonly TargetKpi[] = ['cpa', 'cpl', 'cpc', 'cpm', 'budget'];

export function isMoneyTarget(kpi: TargetKpi): boolean {
  return MONEY_TARGETS.includes(kpi);
}

/** Budgets cap spend; every other KPI follows its "better" direction. */
export function defaultDirection(kpi: TargetKpi): Direction {
  if (kpi === 'budget') return 'atMost';
  return KPI_DEFINITIONS[kpi].better === 'lower' ? 'atMost' : 'atLeast';
}

/**
 * ROMI is already a fraction of spend and its natural target is 0 (break-even), so its distance is
 * measured in absolute points (0.2 = 20 points short); every other KPI relative to the target value.
 */
function isAbsoluteDistance(kpi: TargetKpi): boolean {
  return kpi === 'romi';
}

export const targetSchema = z.pipe(
  z
    .object({
      id: z.nonEmptyString(100),
      scope: targetScopeSchema,
      kpi: targetKpiSchema,
      direction: z.optional(z.enum(DIRECTIONS)),
      // z.number() rejects NaN and ±Infinity.
      value: z.number(),
      /** Money targets: the currency of `value`; null = the currency of whatever row it is applied to. */
      currency: z._default(z.nullable(currencySchema), null),
      /** Budgets only. */
      period: z._default(z.nullable(z.enum(['day', 'month'])), null),
      /** Width of the "at risk" band, as a fraction of the target (ROMI: in points). */
      tolerance: z._default(z.number().check(z.gte(0), z.lte(1)), DEFAULT_TOLERANCE),
      /** Alerts off for this target; the chips still show its status. */
      muted: z._default(z.boolean(), false),
      /**
       * An example target (the demo profile's, `scripts/demo/example-targets.json`), labelled "Example" wherever
       * it is shown so that nobody takes it for their own. Optional and absent on the user's own targets: rows
       * stored before it existed read as they were, and a target saved from a form (edited) drops it.
       */
      example: z.optional(z.boolean()),
    })
    .check(
      z.superRefine((t, ctx) => {
        if (t.kpi === 'romi' ? t.value < -1 : t.value <= 0) {
          ctx.addIssue({
            code: 'custom',
            path: ['value'],
            message: t.kpi === 'romi' ? 'ROMI cannot be below −100 %' : 'a target must be above 0',
          });
        }
        if (t.kpi === 'budget' && t.period === null) {
          ctx.addIssue({
            code: 'custom',
            path: ['period'],
            message: 'a budget needs a period (day or month)',
          });
        }
        if (t.kpi !== 'budget' && t.period !== null) {
          ctx.addIssue({ code: 'custom', path: ['period'], message: 'only budgets have a period' });
        }
      }),
    ),
  z.transform((t) => ({
    ...t,
    direction: t.direction ?? defaultDirection(t.kpi),
    // A currency on a ratio target would only block comparisons; it has no meaning there.
    currency: isMoneyTarget(t.kpi) ? t.currency : null,
  })),
);
export type Target = z.output<typeof targetSchema>;
export type TargetInput = z.input<typeof targetSchema>;

export interface EntityRef {
  platform: Platform;
  accountId: string;
  entityKey: string;
}

/** 0 = all, 1 = platform, 2 = account, 3 = campaign; -1 when the scope does not cover the entity. */
export function scopeRank(scope: TargetScope, entity: EntityRef): number {
  switch (scope.kind) {
    case 'all':
      return 0;
    case 'platform':
      return scope.platform === entity.platform ? 1 : -1;
    case 'account':
      return scope.platform === entity.platform && scope.accountId === entity.accountId ? 2 : -1;
    case 'campaign':
      return scope.platform === entity.platform &&
        scope.accountId === entity.accountId &&
        scope.entityKey === entity.entityKey
        ? 3
        : -1;
  }
}

/** The target for this entity and KPI: the most specific scope wins; on a tie, the first in the list. */
export function resolveTarget<T extends Pick<Target, 'scope' | 'kpi'>>(
  targets: readonly T[],
  entity: EntityRef,
  kpi: TargetKpi,
): T | null {
  let best: T | null = null;
  let bestRank = -1;
  for (const target of targets) {
    if (target.kpi !== kpi) continue;
    const rank = scopeRank(target.scope, entity);
    if (rank > bestRank) {
      best = target;
      bestRank = rank;
    }
  }
  return best;
}

export type TargetStatus = 'on-track' | 'at-risk' | 'off-track' | 'unknown';
export type EvaluationUnknownReason = 'no-value' | 'currency-unknown' | 'no-fx-rate';

export interface TargetEvaluation {
  status: TargetStatus;
  /** Signed: 0.2 = 20 % worse than the target, −0.1 = 10 % better (ROMI: points). null when unknown. */
  distance: number | null;
  /** The target value in the value's currency (after FX), null when it could not be known. */
  targetValue: number | null;
  reason: EvaluationUnknownReason | null;
}

export interface EvaluateOptions {
  /** Currency of `value` (money KPIs). */
  valueCurrency?: string | null;
  /** `valueCurrency` is an assumption (lib/kpi/currency-policy.ts rule 4): only an equal target applies. */
  valueCurrencyAssumed?: boolean;
  convert?: ConvertFn | null;
}

// Ratios of rounded page figures carry float noise; "met exactly" must not read as "at risk".
const EPSILON = 1e-9;

function unknown(reason: EvaluationUnknownReason, targetValue: number | null = null): TargetEvaluation {
  return { status: 'unknown', distance: null, targetValue, reason };
}

/** The target value expressed in the value's currency, or why that cannot be known. */
export function targetValueIn(
  target: Pick<Target, 'kpi' | 'value' | 'currency'>,
  options: EvaluateOptions,
): number | EvaluationUnknownReason {
  if (!isMoneyTarget(target.kpi) || target.currency === null) return target.value;
  const valueCurrency = options.valueCurrency ?? null;
  if (valueCurrency === null) return 'currency-unknown';
  if (valueCurrency === target.currency) return target.value;
  if (options.valueCurrencyAssumed) return 'currency-unknown';
  const converted = options.convert?.(target.value, target.currency, valueCurrency) ?? null;
  return converted === null ? 'no-fx-rate' : converted;
}

export function evaluate(
  value: number | null | undefined,
  target: Pick<Target, 'kpi' | 'value' | 'currency' | 'direction' | 'tolerance'>,
  options: EvaluateOptions = {},
): TargetEvaluation {
  const goal = targetValueIn(target, options);
  if (typeof goal === 'string') return unknown(goal);
  if (value === null || value === undefined || !Number.isFinite(value)) return unknown('no-value', goal);
  const shortfall = target.direction === 'atMost' ? value - goal : goal - value;
  const distance = isAbsoluteDistance(target.kpi) ? shortfall : shortfall / goal;
  const status: TargetStatus =
    distance <= EPSILON ? 'on-track' : distance <= target.tolerance + EPSILON ? 'at-risk' : 'off-track';
  return { status, distance: Math.abs(distance) < EPSILON ? 0 : distance, targetValue: goal, reason: null };
}

export const BREAK_EVEN_KPIS = ['roas', 'romi', 'cpa'] as const;
export type BreakEvenKpi = (typeof BREAK_EVEN_KPIS)[number];

/**
 * A target derived from the margin: ROAS ≥ 1 ÷ margin, ROMI ≥ 0, CPA ≤ AOV × margin (AOV from the
 * given components, in `currency`). null when the margin (or AOV) is not known.
 */
export function breakEvenTarget(
  kpi: BreakEvenKpi,
  settings: { margin: number | null | undefined; components?: KpiComponents; currency?: string | null },
): Target | null {
  const base = {
    id: `break-even:${kpi}`,
    scope: { kind: 'all' as const },
    kpi,
    direction: defaultDirection(kpi),
    currency: null as string | null,
    period: null,
    tolerance: DEFAULT_TOLERANCE,
    muted: false,
  };
  if (kpi === 'roas') {
    const value = breakEvenRoas(settings.margin);
    return value === null ? null : { ...base, value };
  }
  if (kpi === 'romi') return breakEvenRoas(settings.margin) === null ? null : { ...base, value: 0 };
  const value = breakEvenCpa(settings.components ?? {}, settings.margin);
  if (value === null || value <= 0) return null;
  return { ...base, value, currency: settings.currency ?? null };
}
