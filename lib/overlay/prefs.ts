import type { KpiId } from '@/lib/kpi/definitions';
import type { Metrics, Platform } from '@/lib/model';
import type { Settings } from '@/lib/store/settings';

/** The overlay's preferences as the page needs them, with the defaults filled in. */

export type ChipKpi = NonNullable<Settings['overlay']['chipKpis']>[number];
export const CHIP_KPIS: readonly ChipKpi[] = ['cpa', 'cpl', 'roas', 'romi', 'ctr', 'cvr', 'cpc', 'cpm'];
export const DEFAULT_CHIP_KPIS: readonly ChipKpi[] = ['cpa', 'roas'];

export interface OverlayPrefs {
  /** Chips and panel are shown on this page's platform. */
  shown: boolean;
  chipKpis: readonly ChipKpi[];
}

export function overlayPrefs(settings: Pick<Settings, 'overlay'>, platform: Platform): OverlayPrefs {
  const { enabled, hiddenOn, chipKpis } = settings.overlay;
  return {
    shown: enabled && !(hiddenOn ?? []).includes(platform),
    chipKpis: chipKpis && chipKpis.length > 0 ? dedupe(chipKpis) : DEFAULT_CHIP_KPIS,
  };
}

/** Settings with the overlay hidden (or shown again) on one platform. */
export function withOverlayHiddenOn(settings: Settings, platform: Platform, hidden: boolean): Settings {
  const rest = (settings.overlay.hiddenOn ?? []).filter((p) => p !== platform);
  return { ...settings, overlay: { ...settings.overlay, hiddenOn: hidden ? [...rest, platform] : rest } };
}

function dedupe<T>(list: readonly T[]): T[] {
  return [...new Set(list)];
}

/**
 * A lead campaign's cost is its CPL and it has no sales to return on: a row that counts leads and shows
 * no conversion value (nor a ROAS column) is judged on CPL instead of CPA, and ROAS is left out.
 */
export function isLeadRow(metrics: Metrics): boolean {
  return (
    metrics.leads !== undefined && metrics.conversionValue === undefined && metrics.roasShown === undefined
  );
}

/** The KPIs of one row's chips, in the user's order. */
export function chipKpisForRow(chosen: readonly ChipKpi[], metrics: Metrics): KpiId[] {
  if (!isLeadRow(metrics)) return dedupe(chosen);
  const out: KpiId[] = [];
  for (const kpi of chosen) {
    if (kpi === 'roas' || kpi === 'romi') continue;
    out.push(kpi === 'cpa' ? 'cpl' : kpi);
  }
  return dedupe(out);
}
