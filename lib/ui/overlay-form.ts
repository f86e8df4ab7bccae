import type { Platform } from '@/lib/model';
import type { Settings } from '@/lib/store/settings';

/**
 * The options' overlay preferences: on which platforms the chips show, and which KPIs they show. Absent
 * fields mean the defaults (shown everywhere; CPA and ROAS — lead rows show CPL instead of CPA).
 */

export type ChipKpi = NonNullable<Settings['overlay']['chipKpis']>[number];
/** In the order chips are drawn. */
export const CHIP_CHOICES: readonly ChipKpi[] = ['cpa', 'cpl', 'roas', 'romi', 'ctr', 'cvr', 'cpc', 'cpm'];
export const DEFAULT_CHIPS: readonly ChipKpi[] = ['cpa', 'roas'];

export function chipKpisOf(settings: Pick<Settings, 'overlay'>): ChipKpi[] {
  const chosen = settings.overlay.chipKpis;
  return [...(chosen && chosen.length > 0 ? chosen : DEFAULT_CHIPS)];
}

/** Turns one chip KPI on or off, keeping the display order; the last one cannot be turned off. */
export function withChipKpi(settings: Settings, kpi: ChipKpi, on: boolean): Settings {
  const current = new Set(chipKpisOf(settings));
  if (on) current.add(kpi);
  else if (current.size > 1) current.delete(kpi);
  return {
    ...settings,
    overlay: { ...settings.overlay, chipKpis: CHIP_CHOICES.filter((k) => current.has(k)) },
  };
}

export function overlayShownOn(settings: Pick<Settings, 'overlay'>, platform: Platform): boolean {
  return !(settings.overlay.hiddenOn ?? []).includes(platform);
}

export function withOverlayOn(settings: Settings, platform: Platform, shown: boolean): Settings {
  const rest = (settings.overlay.hiddenOn ?? []).filter((p) => p !== platform);
  return { ...settings, overlay: { ...settings.overlay, hiddenOn: shown ? rest : [...rest, platform] } };
}
