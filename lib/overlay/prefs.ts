import type { KpiId } from '@/lib/kpi/definitions';
import type { Metrics, Platform } from '@/lib/model';
import type { Settings } from '@/lib/store/settings';
import {
  chipKpisOf,
  DEFAULT_CHIPS,
  overlayShownOn,
  withOverlayOn,
  type ChipKpi,
} from '@/lib/ui/overlay-form';

/**
 * The overlay's preferences as the page needs them. The defaults and the options' editing live in
 * lib/ui/overlay-form.ts, so the page and the options page can never disagree about them.
 */

export type { ChipKpi };
export const DEFAULT_CHIP_KPIS: readonly ChipKpi[] = DEFAULT_CHIPS;

export interface OverlayPrefs {
  /** Chips and panel are shown on this page's platform. */
  shown: boolean;
  chipKpis: readonly ChipKpi[];
}

export function overlayPrefs(settings: Pick<Settings, 'overlay'>, platform: Platform): OverlayPrefs {
  return {
    shown: settings.overlay.enabled && overlayShownOn(settings, platform),
    chipKpis: dedupe(chipKpisOf(settings)),
  };
}

/** Settings with the overlay hidden (or shown again) on one platform: the panel's "Hide on …" button. */
export function withOverlayHiddenOn(settings: Settings, platform: Platform, hidden: boolean): Settings {
  return withOverlayOn(settings, platform, !hidden);
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
