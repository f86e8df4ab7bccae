import { useState } from 'react';
import { t, type MessageKey } from '@/lib/i18n';
import { LANGUAGES, type Settings } from '@/lib/store/settings';
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

export function PreferencesSection({ settings, update }: { settings: Settings; update: UpdateSettings }) {
  const [message, setMessage] = useState('');
  const save = (change: (s: Settings) => Settings) =>
    void update(change).then(
      () => setMessage(t('options_saved')),
      (error: unknown) =>
        setMessage(t('options_save_failed', error instanceof Error ? error.message : String(error))),
    );
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
              // Read now: the controlled select shows the stored value again until the save lands.
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
