import { useState } from 'react';
import { t, type MessageKey } from '@/lib/i18n';
import { LANGUAGES, type Settings } from '@/lib/store/settings';
import { ADAPTERS } from '@/lib/platforms/registry';
import { KPI_NAME_KEYS, kpiShortLabel, platformName } from '@/lib/ui/display';
import { CHIP_CHOICES, chipKpisOf, overlayShownOn, withChipKpi, withOverlayOn } from '@/lib/ui/overlay-form';
import type { UpdateSettings } from './settings-sections';

const LANGUAGE_KEYS: Record<Settings['language'], MessageKey> = {
  auto: 'options_language_auto',
  en: 'options_language_en',
  vi: 'options_language_vi',
  uk: 'options_language_uk',
};

/** Switches that save at once, announcing "Saved". */
function Toggle({
  id,
  label,
  hint,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChange(checked: boolean): void;
}) {
  return (
    <div className="field check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span id={`${id}-hint`} className="muted small">
          {hint}
        </span>
      ) : null}
    </div>
  );
}

// eslint-disable-next-line max-lines-per-function -- one form whose fields share state; to be shortened when the options page's near-duplicate field blocks become one component (#16.3)
export function PreferencesSection({
  settings: stored,
  update,
}: {
  settings: Settings;
  update: UpdateSettings;
}) {
  const [message, setMessage] = useState('');
  // Shown at once, before the save lands; a newer stored value (from any page) replaces it.
  const [optimistic, setOptimistic] = useState<{ base: Settings; value: Settings } | null>(null);
  const settings = optimistic && optimistic.base === stored ? optimistic.value : stored;
  const chips = chipKpisOf(settings);
  const save = (change: (s: Settings) => Settings) => {
    setOptimistic({ base: stored, value: change(settings) });
    void update(change).then(
      () => setMessage(t('options_saved')),
      (error: unknown) =>
        setMessage(t('options_save_failed', error instanceof Error ? error.message : String(error))),
    );
  };
  return (
    <section aria-labelledby="prefs-title" id="preferences">
      <h2 id="prefs-title">{t('options_prefs_title')}</h2>
      <fieldset>
        <legend>{t('options_overlay_title')}</legend>
        <Toggle
          id="overlay-enabled"
          label={t('options_overlay_enabled')}
          hint={t('options_overlay_hint')}
          checked={settings.overlay.enabled}
          onChange={(enabled) => save((s) => ({ ...s, overlay: { ...s.overlay, enabled } }))}
        />
        <fieldset disabled={!settings.overlay.enabled}>
          <legend>{t('options_overlay_platforms')}</legend>
          {ADAPTERS.map((adapter) => (
            <Toggle
              key={adapter.id}
              id={`overlay-on-${adapter.id}`}
              label={platformName(adapter.id, t)}
              checked={overlayShownOn(settings, adapter.id)}
              onChange={(shown) => save((s) => withOverlayOn(s, adapter.id, shown))}
            />
          ))}
        </fieldset>
        <fieldset disabled={!settings.overlay.enabled} aria-describedby="chip-kpis-hint">
          <legend>{t('options_overlay_chips')}</legend>
          <p id="chip-kpis-hint" className="muted small">
            {t('options_overlay_chips_hint')}
          </p>
          <div className="chip-choices">
            {CHIP_CHOICES.map((kpi) => (
              <Toggle
                key={kpi}
                id={`chip-${kpi}`}
                label={`${kpiShortLabel(kpi, t)} — ${t(KPI_NAME_KEYS[kpi])}`}
                checked={chips.includes(kpi)}
                onChange={(on) => save((s) => withChipKpi(s, kpi, on))}
              />
            ))}
          </div>
        </fieldset>
      </fieldset>
      <fieldset>
        <legend>{t('options_alerts_title')}</legend>
        <Toggle
          id="alerts-notify"
          label={t('options_alerts_notify')}
          hint={t('options_alerts_notify_hint')}
          checked={settings.alerts.notify}
          onChange={(notify) => save((s) => ({ ...s, alerts: { ...s.alerts, notify } }))}
        />
        <Toggle
          id="alerts-badge"
          label={t('options_alerts_badge')}
          checked={settings.alerts.badge}
          onChange={(badge) => save((s) => ({ ...s, alerts: { ...s.alerts, badge } }))}
        />
      </fieldset>
      <fieldset>
        <legend>{t('options_language_title')}</legend>
        <div className="field">
          <label htmlFor="language">{t('options_language_label')}</label>
          <select
            id="language"
            value={settings.language}
            onChange={(e) => {
              const language = e.target.value as Settings['language'];
              save((s) => ({ ...s, language }));
            }}
          >
            {LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l === 'auto' ? undefined : l}>
                {t(LANGUAGE_KEYS[l])}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      <p role="status" className="message">
        {message}
      </p>
    </section>
  );
}
