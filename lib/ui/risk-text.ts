import type { MessageKey } from '@/lib/i18n';
import { formatMoney, formatNumber, formatSignedPercent } from '@/lib/format';
import type { KpiId } from '@/lib/kpi/definitions';
import type { RiskFlag, RiskRule } from '@/lib/kpi/risk-flags';
import { formatKpiValue, kpiShortLabel } from './display';

/**
 * A risk flag in plain words with the numbers it was decided on: for the chip's tooltip, the in-page panel,
 * the popup and the notification alike. Pure.
 */

type Translate = (key: MessageKey, substitutions?: string | string[]) => string;

export interface RiskText {
  rule: RiskRule;
  /** "CPA surge" */
  title: string;
  /** "CPA today $45.00 against $20.00 on average (+125%, 3.1 sd) on 6 earlier Mondays." */
  explanation: string;
}

const TITLE_KEYS: Record<RiskRule, MessageKey> = {
  'no-results': 'common_risk_no_results',
  'cpa-surge': 'common_risk_cpa_surge',
  'cpl-surge': 'common_risk_cpl_surge',
  'cpc-surge': 'common_risk_cpc_surge',
  'ctr-collapse': 'common_risk_ctr_collapse',
  'cvr-collapse': 'common_risk_cvr_collapse',
  'spend-stopped': 'common_risk_spend_stopped',
  'spend-spike': 'common_risk_spend_spike',
  pacing: 'common_risk_pacing',
};

const MOVE_KPI: Partial<Record<RiskRule, KpiId>> = {
  'cpa-surge': 'cpa',
  'cpl-surge': 'cpl',
  'cpc-surge': 'cpc',
  'ctr-collapse': 'ctr',
  'cvr-collapse': 'cvr',
};

/** "on 6 earlier Mondays" / "on the 14 days before". */
function baselineText(flag: RiskFlag, locale: string, t: Translate): string {
  const days = String(flag.numbers.days ?? 0);
  if (flag.numbers.baselineKind !== 'weekday') return t('common_risk_baseline_recent', days);
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(`${flag.day}T12:00:00Z`),
  );
  return t('common_risk_baseline_weekday', [days, weekday]);
}

function explain(flag: RiskFlag, currency: string | null, locale: string, t: Translate): string {
  const n = flag.numbers;
  const money = (v: number | undefined) => formatMoney(v, currency, locale);
  const kpi = MOVE_KPI[flag.rule];
  if (kpi) {
    const z = n.z === null || n.z === undefined ? '—' : formatNumber(Math.abs(n.z), locale, 1);
    return t('common_risk_move_explain', [
      kpiShortLabel(kpi, t),
      formatKpiValue(kpi, n.value, currency, locale),
      formatKpiValue(kpi, n.baseline, currency, locale),
      formatSignedPercent(n.change, locale, 0),
      z,
      baselineText(flag, locale, t),
    ]);
  }
  switch (flag.rule) {
    case 'no-results':
      return t(n.kpi === 'cpl' ? 'common_risk_no_leads_explain' : 'common_risk_no_conversions_explain', [
        money(n.value),
        formatNumber(n.multiple, locale, 2),
        money(n.target),
      ]);
    case 'spend-stopped':
      return t('common_risk_stopped_explain', [String(n.days ?? 0), money(n.baseline)]);
    case 'spend-spike':
      return t('common_risk_spike_explain', [
        money(n.value),
        money(n.baseline),
        formatNumber(n.value !== undefined && n.baseline ? n.value / n.baseline : undefined, locale, 1),
        baselineText(flag, locale, t),
      ]);
    default:
      return t('common_risk_pacing_explain', [
        money(n.forecast),
        money(n.low),
        money(n.high),
        money(n.budget),
      ]);
  }
}

export function riskText(flag: RiskFlag, currency: string | null, locale: string, t: Translate): RiskText {
  return {
    rule: flag.rule,
    title: t(TITLE_KEYS[flag.rule]),
    explanation: explain(flag, currency, locale, t),
  };
}

/** "CPA surge: CPA today …" — one line per flag (tooltips, notifications). */
export function riskLine(flag: RiskFlag, currency: string | null, locale: string, t: Translate): string {
  const text = riskText(flag, currency, locale, t);
  return `${text.title}: ${text.explanation}`;
}
