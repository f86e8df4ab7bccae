import { kpiOfMetrics } from '@/lib/kpi/formulas';
import type { KpiId } from '@/lib/kpi/definitions';
import { isMoneyTarget, TARGET_KPIS, type Target, type TargetKpi, type TargetScope } from '@/lib/kpi/targets';
import { entityKeyOf, type Level, type Platform, type TableReading } from '@/lib/model';
import { draftOf, emptyDraft, type TargetDraft } from '@/lib/ui/target-form';

/**
 * The chip's target editor as data: what a target set from a row of the page starts as (the KPI of the chip,
 * its scope, a suggested value in the row's currency), and how switching the scope finds the target the user
 * is editing. The form itself is the options page's (`TargetDraft`, validated by `parseDraft`), so a target
 * set here is the same as one typed there.
 */

/** Where a target set from a row applies: that entity, its account, its platform, everywhere. */
export type EditorScope = 'campaign' | 'account' | 'platform' | 'all';

export interface ChipTargetContext {
  kpi: TargetKpi;
  platform: Platform;
  /** null when the page does not show the account: only platform-wide and global targets then. */
  accountId: string | null;
  /** The row's key; null for the table as a whole (the panel's totals): no single-row scope then. */
  entityKey: string | null;
  /** What the editor names as what it sets a target for: the row's name, or the account's for the table. */
  entityName: string | null;
  level: Level;
  /** The row's currency as the chips use it (page, account setting or assumed), null when unknown. */
  currency: string | null;
  /** The KPI's current value for the row, null when unknown. */
  value: number | null;
  targets: readonly Target[];
}

export function isTargetKpi(kpi: string): kpi is TargetKpi {
  return (TARGET_KPIS as readonly string[]).includes(kpi);
}

/** The row of a reading a chip belongs to, as the editor needs it; null when the row is not in the reading. */
export function chipTargetContext(
  reading: TableReading,
  entityKey: string,
  kpi: KpiId,
  targets: readonly Target[],
): ChipTargetContext | null {
  if (!isTargetKpi(kpi)) return null;
  const { context } = reading;
  const row = reading.rows.find((r) => entityKeyOf(r) === entityKey);
  if (!row) return null;
  return {
    kpi,
    platform: context.platform,
    accountId: context.accountId,
    entityKey,
    entityName: row.entityName,
    level: context.level,
    currency: context.currency,
    value: kpiOfMetrics(kpi, row.metrics).value,
    targets,
  };
}

/**
 * The table as a whole, as the panel's totals line of `kpi` shows it (`value`, in `currency`): a target set
 * from there applies to the account (or the platform, when the page does not show the account) or wider.
 */
export function tableTargetContext(
  reading: TableReading,
  line: { kpi: TargetKpi; value: number | null; currency: string | null },
  targets: readonly Target[],
): ChipTargetContext {
  const { context } = reading;
  return {
    kpi: line.kpi,
    platform: context.platform,
    accountId: context.accountId,
    entityKey: null,
    entityName: context.accountName ?? context.accountId,
    level: context.level,
    currency: line.currency,
    value: line.value,
    targets,
  };
}

export function editorScopes(ctx: Pick<ChipTargetContext, 'accountId' | 'entityKey'>): EditorScope[] {
  if (!ctx.accountId) return ['platform', 'all'];
  return ctx.entityKey !== null ? ['campaign', 'account', 'platform', 'all'] : ['account', 'platform', 'all'];
}

/** Where the editor starts: the row itself from a chip, the account (else the platform) from the panel. */
export function initialScope(ctx: Pick<ChipTargetContext, 'accountId' | 'entityKey'>): EditorScope {
  return editorScopes(ctx)[0]!;
}

function scopeOf(ctx: ChipTargetContext, scope: EditorScope): TargetScope {
  const { platform, accountId, entityKey } = ctx;
  if (scope === 'all') return { kind: 'all' };
  if (scope === 'platform' || !accountId) return { kind: 'platform', platform };
  if (scope === 'account' || entityKey === null) return { kind: 'account', platform, accountId };
  return { kind: 'campaign', platform, accountId, entityKey };
}

const sameScope = (a: TargetScope, b: TargetScope) => JSON.stringify(a) === JSON.stringify(b);

/** The target of exactly this scope and KPI, if the user has one: editing it replaces it in its place. */
export function targetAt(ctx: ChipTargetContext, scope: EditorScope, kpi: TargetKpi): Target | null {
  const wanted = scopeOf(ctx, scope);
  return ctx.targets.find((t) => t.kpi === kpi && sameScope(t.scope, wanted)) ?? null;
}

/**
 * A starting value from the row's own: money rounded to a whole unit (cents under 10), rates to a tenth of a
 * point, ROAS to a tenth. The user sees it pre-filled and changes it; null when the row has no value.
 */
export function suggestedValue(kpi: TargetKpi, value: number | null): number | null {
  if (value === null || !Number.isFinite(value) || value <= 0) return null;
  if (isMoneyTarget(kpi)) return value >= 10 ? Math.round(value) : Math.round(value * 100) / 100;
  if (kpi === 'roas') return Math.round(value * 10) / 10;
  return Math.round(value * 1000) / 1000; // a fraction: 0.0123 → 0.012 (1.2 %)
}

/** Shortest text for a number as typed (no float noise). */
const typed = (n: number) => String(Number(n.toPrecision(12)));

/** The form for `scope`: the user's target there when there is one, else a new one with the suggestion. */
export function editorDraft(
  ctx: ChipTargetContext,
  scope: EditorScope,
  kpi: TargetKpi = ctx.kpi,
  keep?: TargetDraft,
): TargetDraft {
  const existing = targetAt(ctx, scope, kpi);
  if (existing) return draftOf(existing);
  const s = scopeOf(ctx, scope);
  const fresh = emptyDraft(kpi);
  const suggestion = suggestedValue(kpi, kpi === ctx.kpi ? ctx.value : null);
  const value =
    keep && keep.kpi === kpi && keep.value.trim()
      ? keep.value
      : suggestion === null
        ? ''
        : typed(
            fresh.kpi === 'ctr' || fresh.kpi === 'cvr' || fresh.kpi === 'romi'
              ? suggestion * 100
              : suggestion,
          );
  return {
    ...fresh,
    ...(keep && keep.kpi === kpi ? { direction: keep.direction, tolerance: keep.tolerance } : {}),
    scopeKind: s.kind,
    platform: s.kind === 'all' ? '' : s.platform,
    accountId: s.kind === 'account' || s.kind === 'campaign' ? s.accountId : '',
    entityKey: s.kind === 'campaign' ? s.entityKey : '',
    value,
    // A money target carries the row's currency: a wide one must (accounts may differ), a narrow one keeps
    // meaning the same number if the account's currency is settled differently later.
    currency: isMoneyTarget(kpi) ? keep?.currency || ctx.currency || '' : '',
  };
}

/**
 * The form after the user changed a field: a new KPI or scope loads the user's target there (or a fresh one,
 * keeping what was typed where it still means the same); any other field is taken as typed.
 */
export function nextDraft(
  ctx: ChipTargetContext,
  draft: TargetDraft,
  change: Partial<TargetDraft>,
): TargetDraft {
  const next = { ...draft, ...change };
  if (change.kpi && change.kpi !== draft.kpi) return editorDraft(ctx, draft.scopeKind, change.kpi, next);
  if (change.scopeKind && change.scopeKind !== draft.scopeKind)
    return editorDraft(ctx, change.scopeKind, next.kpi, next);
  return next;
}
