import { KPI_DEFINITIONS, MONEY_COMPONENTS, type KpiComponent, type KpiId } from '@/lib/kpi/definitions';
import type { KpiResult } from '@/lib/kpi/evaluate-rows';
import { explainKpi, type KpiInput } from '@/lib/kpi/formulas';
import type { Metrics } from '@/lib/model';
import type { Direction } from '@/lib/kpi/targets';
import { formatMoney, formatNumber, formatPercent, UNKNOWN_MARK } from '@/lib/format';
import type { MessageKey } from '@/lib/i18n';
import { DIRECTION_SYMBOL, formatKpiValue, REASON_KEYS } from '@/lib/ui/display';

/**
 * The sentence behind a chip: what the number is made of, what it is compared with, and how far off it is,
 * e.g. "CPA $24.06 = $1,684.51 ÷ 70 · target ≤ $20.00 · 20.3% over". Pure: locale and translations come in.
 */

export type Translate = (key: MessageKey, substitutions?: string | string[]) => string;

export interface ExplainContext {
  /** Currency of the row's money (also an assumed one: the amounts are shown as the page shows them). */
  currency: string | null;
  margin?: number | null;
  locale: string;
  t: Translate;
}

const COMPONENT_KEYS: Record<KpiComponent | 'margin', MessageKey> = {
  spend: 'overlay_component_spend',
  impressions: 'overlay_component_impressions',
  clicks: 'overlay_component_clicks',
  conversions: 'overlay_component_conversions',
  conversionValue: 'overlay_component_conversion_value',
  leads: 'overlay_component_leads',
  margin: 'overlay_component_margin',
};

function formatInput(input: KpiInput, ctx: ExplainContext): string {
  if (input.value === null) return UNKNOWN_MARK;
  if (input.name === 'margin') return formatPercent(input.value, ctx.locale);
  if ((MONEY_COMPONENTS as readonly string[]).includes(input.name))
    return formatMoney(input.value, ctx.currency, ctx.locale);
  return formatNumber(input.value, ctx.locale, 2);
}

/** "$1,684.51 ÷ 70", "($12,480.90 × 30% − $3,071.46) ÷ $3,071.46", "$3,071.46 ÷ 212,884 × 1000". */
export function formulaWithValues(
  kpi: KpiId,
  metrics: Metrics,
  ctx: ExplainContext,
): { expression: string; note: string | null } {
  const explained = explainKpi(kpi, metrics, { margin: ctx.margin });
  const [a, b, c] = explained.inputs.map((input) => formatInput(input, ctx));
  let expression: string;
  if (kpi === 'romi') expression = c === undefined ? `(${a} − ${b}) ÷ ${b}` : `(${a} × ${b} − ${c}) ÷ ${c}`;
  else
    expression = `${a} ÷ ${b}${explained.scale !== 1 ? ` × ${formatNumber(explained.scale, ctx.locale)}` : ''}`;

  const name = (n: KpiComponent | 'margin') => ctx.t(COMPONENT_KEYS[n]);
  let note: string | null = null;
  if (explained.unknown === 'missing-input')
    note = ctx.t('overlay_explain_missing', explained.missing.map(name).join(', '));
  else if (explained.unknown === 'zero-denominator' || explained.unknown === 'negative-denominator') {
    const ratio = KPI_DEFINITIONS[kpi].ratio;
    const denominator = ratio ? ratio.denominator : 'spend';
    note = ctx.t(
      explained.unknown === 'zero-denominator' ? 'overlay_explain_zero' : 'overlay_explain_negative',
      name(denominator),
    );
  } else if (explained.unknown === 'invalid-margin') note = ctx.t('overlay_explain_invalid_margin');
  return { expression, note };
}

/** "20.3% over" / "8% under" / "on target"; ROMI in points. null when there is nothing to compare. */
export function distanceWords(
  result: { kpi: KpiResult['kpi']; distance: number | null; target: { direction: Direction } | null },
  ctx: Pick<ExplainContext, 'locale' | 't'>,
): string | null {
  const { distance, target } = result;
  if (distance === null || !target) return null;
  if (distance === 0) return ctx.t('overlay_explain_on_target');
  // `distance` > 0 means worse than the target: above a cap, below a floor.
  const above = target.direction === 'atMost' ? distance > 0 : distance < 0;
  const size = Math.abs(distance);
  if (result.kpi === 'romi') {
    const points = formatNumber(size * 100, ctx.locale, 1);
    return ctx.t(above ? 'overlay_explain_points_over' : 'overlay_explain_points_under', points);
  }
  const amount = formatPercent(size, ctx.locale, 1);
  return ctx.t(above ? 'overlay_explain_over' : 'overlay_explain_under', amount);
}

/** "target ≤ $20.00", "break-even ≥ 3.33×"; null without a target. */
export function targetWords(result: KpiResult, ctx: ExplainContext): string | null {
  const target = result.target;
  if (!target || result.kpi === 'budget') return null;
  const compared = target.comparedWith;
  // Shown in the row's currency when it could be converted, else as the user typed it.
  const value =
    compared !== null
      ? formatKpiValue(result.kpi, compared, ctx.currency, ctx.locale)
      : formatKpiValue(result.kpi, target.value, target.currency ?? ctx.currency, ctx.locale);
  const text = `${DIRECTION_SYMBOL[target.direction]} ${value}`;
  if (target.breakEven) return ctx.t('overlay_explain_break_even', text);
  // The demo profile's example targets say so wherever they are shown (the chip's tooltip too).
  return ctx.t(target.example ? 'overlay_explain_target_example' : 'overlay_explain_target', text);
}

/** The whole explanation of one chip. */
export function explainChip(result: KpiResult, metrics: Metrics, ctx: ExplainContext): string {
  if (result.kpi === 'budget') return '';
  const kpi = result.kpi;
  const label = KPI_DEFINITIONS[kpi].label;
  const value = formatKpiValue(kpi, result.value, ctx.currency, ctx.locale);
  const parts: string[] = [];
  if (result.source === 'shown') {
    parts.push(`${label} ${value} (${ctx.t('overlay_explain_shown')})`);
  } else {
    const { expression, note } = formulaWithValues(kpi, metrics, ctx);
    parts.push(`${label} ${value} = ${expression}`);
    if (note) parts.push(note);
  }
  const target = targetWords(result, ctx);
  parts.push(target ?? ctx.t('overlay_explain_no_target'));
  if (result.status === 'unknown' && result.reason && result.reason !== 'no-value') {
    parts.push(ctx.t(REASON_KEYS[result.reason]));
  } else {
    const distance = distanceWords(result, ctx);
    if (distance) parts.push(distance);
  }
  return parts.join(' · ');
}
