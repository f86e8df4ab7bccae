import { t } from '@/lib/i18n';
import { KPI_DEFINITIONS } from '@/lib/kpi/definitions';
import { CHIP_KPIS, overlayPrefs, withOverlayHiddenOn, type ChipKpi } from '@/lib/overlay/prefs';
import { ADAPTERS } from '@/lib/platforms/registry';
import type { Settings } from '@/lib/store/settings';
import { KPI_NAME_KEYS } from '@/lib/ui/display';

/**
 * The overlay's options (for the options page, inside its overlay fieldset): the platforms it shows on and
 * the KPIs of the row chips. Each change is saved at once through `save`.
 */
export function OverlaySettingsFields({
  settings,
  save,
}: {
  settings: Settings;
  save(change: (current: Settings) => Settings): void;
}) {
  const enabled = settings.overlay.enabled;
  const chosen = overlayPrefs(settings, 'generic').chipKpis;
  const setKpi = (kpi: ChipKpi, on: boolean) =>
    save((s) => {
      const current = overlayPrefs(s, 'generic').chipKpis;
      const next = on ? [...current.filter((k) => k !== kpi), kpi] : current.filter((k) => k !== kpi);
      // Chips follow one fixed order on every row; an empty list is never saved (the last box is disabled).
      const ordered = CHIP_KPIS.filter((k) => next.includes(k));
      return ordered.length ? { ...s, overlay: { ...s.overlay, chipKpis: ordered } } : s;
    });
  return (
    <>
      <div className="field" role="group" aria-labelledby="overlay-platforms-label">
        <span id="overlay-platforms-label">{t('overlay_settings_platforms')}</span>
        {ADAPTERS.map((adapter) => {
          const id = `overlay-on-${adapter.id}`;
          const shown = !(settings.overlay.hiddenOn ?? []).includes(adapter.id);
          return (
            <div className="field check" key={adapter.id}>
              <input
                id={id}
                type="checkbox"
                checked={shown}
                disabled={!enabled}
                onChange={(e) => {
                  const hidden = !e.target.checked;
                  save((s) => withOverlayHiddenOn(s, adapter.id, hidden));
                }}
              />
              <label htmlFor={id}>{adapter.label}</label>
            </div>
          );
        })}
      </div>
      <div
        className="field"
        role="group"
        aria-labelledby="overlay-kpis-label"
        aria-describedby="overlay-kpis-hint"
      >
        <span id="overlay-kpis-label">{t('overlay_settings_kpis')}</span>
        <span id="overlay-kpis-hint" className="muted small">
          {t('overlay_settings_kpis_hint')}
        </span>
        {CHIP_KPIS.map((kpi) => {
          const id = `overlay-kpi-${kpi}`;
          const checked = chosen.includes(kpi);
          return (
            <div className="field check" key={kpi}>
              <input
                id={id}
                type="checkbox"
                checked={checked}
                disabled={!enabled || (checked && chosen.length === 1)}
                onChange={(e) => {
                  const on = e.target.checked;
                  setKpi(kpi, on);
                }}
              />
              <label htmlFor={id}>
                {KPI_DEFINITIONS[kpi].label} — {t(KPI_NAME_KEYS[kpi])}
              </label>
            </div>
          );
        })}
      </div>
    </>
  );
}
