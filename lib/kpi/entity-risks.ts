import * as z from '@/lib/zod';
import type { RowEvaluation } from './evaluate-rows';
import type { JudgedEntity } from './projection';
import {
  RISK_RULES,
  riskFlags,
  type DayPoint,
  type RiskFlag,
  type RiskInput,
  type RiskThresholds,
} from './risk-flags';

/**
 * The risk flags of a table's entities: the one projection's entities, the one judge's verdicts on them
 * (the CPA / CPL targets and the budget pacing the rules need come from there, so a flag never uses a
 * target the chips do not show), and each entity's stored single-day history. Pure.
 */

export interface EntityRisk {
  entityKey: string;
  /** The entity's currency (money numbers in the flags are in it). */
  currency: string | null;
  flags: RiskFlag[];
}

export interface EntityRiskContext {
  /** Today in the accounts' time zone, and the share of it already over (see RiskInput). */
  today: string;
  todayElapsed: number;
  thresholds: RiskThresholds;
}

/** Entities with at least one flag, in the order given. */
export function entityRisks(
  entities: readonly JudgedEntity[],
  evaluations: readonly RowEvaluation[],
  history: ReadonlyMap<string, readonly DayPoint[]>,
  ctx: EntityRiskContext,
): EntityRisk[] {
  const judged = new Map(evaluations.map((e) => [e.entityKey, e]));
  const out: EntityRisk[] = [];
  for (const entity of entities) {
    const evaluation = judged.get(entity.entityKey);
    const flags = riskFlags(
      riskInputOf(entity, evaluation, history.get(entity.entityKey) ?? [], ctx),
      ctx.thresholds,
    );
    if (flags.length > 0) out.push({ entityKey: entity.entityKey, currency: entity.currency, flags });
  }
  return out;
}

function riskInputOf(
  entity: JudgedEntity,
  evaluation: RowEvaluation | undefined,
  days: readonly DayPoint[],
  ctx: EntityRiskContext,
): RiskInput {
  const result = (kpi: string) => evaluation?.results.find((r) => r.kpi === kpi);
  const targetValue = (kpi: 'cpa' | 'cpl') => {
    const value = result(kpi)?.target?.comparedWith;
    return value === undefined || value === null ? null : value;
  };
  const budget = result('budget');
  return {
    today: ctx.today,
    todayElapsed: ctx.todayElapsed,
    days,
    current: entity.metrics,
    cpaTarget: targetValue('cpa'),
    cplTarget: targetValue('cpl'),
    pacing:
      budget?.pacing && budget.target ? { pacing: budget.pacing, tolerance: budget.target.tolerance } : null,
  };
}

const finite = z.number().check(z.refine(Number.isFinite));

/** A flag as it crosses a message or is read back from storage. */
export const riskFlagSchema = z.object({
  rule: z.enum(RISK_RULES),
  day: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  numbers: z.object({
    value: z.optional(finite),
    baseline: z.optional(finite),
    change: z.optional(finite),
    z: z.optional(z.nullable(finite)),
    days: z.optional(z.count()),
    baselineKind: z.optional(z.enum(['weekday', 'recent'])),
    kpi: z.optional(z.enum(['cpa', 'cpl'])),
    target: z.optional(finite),
    multiple: z.optional(finite),
    budget: z.optional(finite),
    forecast: z.optional(finite),
    low: z.optional(finite),
    high: z.optional(finite),
  }),
});

export const entityRiskSchema = z.object({
  entityKey: z.nonEmptyString(1100),
  currency: z.nullable(z.string().check(z.maxLength(8))),
  flags: z.array(riskFlagSchema).check(z.maxLength(RISK_RULES.length)),
});
