import { useState } from 'react';
import { t, type MessageKey } from '@/lib/i18n';
import type { Settings } from '@/lib/store/settings';
import { parseRiskDraft, RISK_FIELDS, riskDraftOf, type RiskDraft, type RiskField } from '@/lib/ui/risk-form';
import { described, Field } from '../shared/field';
import { SaveForm, type UpdateSettings } from './settings-sections';

const LABELS: Record<RiskField, { label: MessageKey; hint: MessageKey }> = {
  noResultsMultiple: { label: 'options_risk_multiple', hint: 'options_risk_multiple_hint' },
  changePercent: { label: 'options_risk_change', hint: 'options_risk_change_hint' },
  zThreshold: { label: 'options_risk_z', hint: 'options_risk_z_hint' },
  minSpend: { label: 'options_risk_min_spend', hint: 'options_risk_min_spend_hint' },
  spikeMultiple: { label: 'options_risk_spike', hint: 'options_risk_spike_hint' },
  stoppedDays: { label: 'options_risk_days', hint: 'options_risk_days_hint' },
};

/** The risk flags' switch and thresholds (lib/kpi/risk-flags.ts), each with what it changes. */
export function RiskSection({
  settings,
  locale,
  update,
}: {
  settings: Settings;
  locale: string;
  update: UpdateSettings;
}) {
  const [enabled, setEnabled] = useState(settings.risk.enabled);
  const [draft, setDraft] = useState<RiskDraft>(() => riskDraftOf(settings.risk, locale));
  const [errors, setErrors] = useState<Partial<Record<RiskField, MessageKey>>>({});
  return (
    <section aria-labelledby="risk-title" id="risk">
      <h2 id="risk-title">{t('options_risk_title')}</h2>
      <p className="muted small">{t('options_risk_intro')}</p>
      <SaveForm
        labelledBy="risk-title"
        onSave={async () => {
          const parsed = parseRiskDraft(draft, enabled, locale);
          if (!parsed.ok) {
            setErrors(parsed.errors);
            return 'options_risk_error';
          }
          setErrors({});
          await update((s) => ({ ...s, risk: parsed.value }));
          return null;
        }}
      >
        <div className="field check">
          <input
            id="risk-enabled"
            type="checkbox"
            checked={enabled}
            onChange={(e) => setEnabled(e.target.checked)}
          />
          <label htmlFor="risk-enabled">{t('options_risk_enabled')}</label>
        </div>
        {RISK_FIELDS.map((field) => (
          <Field
            key={field}
            id={`risk-${field}`}
            label={t(LABELS[field].label)}
            hint={t(LABELS[field].hint)}
            error={errors[field]}
          >
            <input
              type="text"
              inputMode={field === 'stoppedDays' ? 'numeric' : 'decimal'}
              autoComplete="off"
              value={draft[field]}
              disabled={!enabled}
              onChange={(e) => setDraft((d) => ({ ...d, [field]: e.target.value }))}
              {...described(`risk-${field}`, true, errors[field])}
            />
          </Field>
        ))}
      </SaveForm>
    </section>
  );
}
