import type { MessageKey } from '@/lib/i18n';
import { riskSettingsSchema, type RiskSettings } from '@/lib/store/settings';
import { parseTypedNumber } from './target-form';

/**
 * The options page's risk-flag thresholds as typed (numbers in the UI's locale, the change as a percent)
 * and back. Pure; every value is checked by the settings' own schema before it is saved.
 */

export const RISK_FIELDS = [
  'noResultsMultiple',
  'changePercent',
  'zThreshold',
  'minSpend',
  'spikeMultiple',
  'stoppedDays',
] as const;
export type RiskField = (typeof RISK_FIELDS)[number];
export type RiskDraft = Record<RiskField, string>;

function decimal(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 6, useGrouping: false }).format(value);
}

export function riskDraftOf(risk: RiskSettings, locale: string): RiskDraft {
  return {
    noResultsMultiple: decimal(risk.noResultsMultiple, locale),
    changePercent: decimal(Number((risk.changeThreshold * 100).toPrecision(12)), locale),
    zThreshold: decimal(risk.zThreshold, locale),
    minSpend: decimal(risk.minSpend, locale),
    spikeMultiple: decimal(risk.spikeMultiple, locale),
    stoppedDays: String(risk.stoppedDays),
  };
}

export const RISK_FIELD_ERRORS: Record<RiskField, MessageKey> = {
  noResultsMultiple: 'options_risk_error_multiple',
  changePercent: 'options_risk_error_change',
  zThreshold: 'options_risk_error_z',
  minSpend: 'options_risk_error_min_spend',
  spikeMultiple: 'options_risk_error_spike',
  stoppedDays: 'options_risk_error_days',
};

export type RiskParse =
  { ok: true; value: RiskSettings } | { ok: false; errors: Partial<Record<RiskField, MessageKey>> };

/** The draft as settings, or which fields are wrong (nothing saved then). */
export function parseRiskDraft(draft: RiskDraft, enabled: boolean, locale: string): RiskParse {
  const n = (field: RiskField) => parseTypedNumber(draft[field], locale);
  const days = draft.stoppedDays.trim();
  const candidate = {
    enabled,
    noResultsMultiple: n('noResultsMultiple'),
    changeThreshold: ((v) => (v === null ? null : v / 100))(n('changePercent')),
    zThreshold: n('zThreshold'),
    minSpend: n('minSpend'),
    spikeMultiple: n('spikeMultiple'),
    stoppedDays: /^\d+$/.test(days) ? Number(days) : null,
  };
  const parsed = riskSettingsSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: Partial<Record<RiskField, MessageKey>> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0] === 'changeThreshold' ? 'changePercent' : issue.path[0];
    if ((RISK_FIELDS as readonly unknown[]).includes(key))
      errors[key as RiskField] = RISK_FIELD_ERRORS[key as RiskField];
  }
  return { ok: false, errors };
}
