import { shownKpisOf } from '@/lib/kpi/judge';
import type { Platform } from '@/lib/model';
import type { Settings } from '@/lib/store/settings';
import { DEFAULT_CHIPS, overlayShownOn, withOverlayOn, type ChipKpi } from '@/lib/ui/overlay-form';

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
    chipKpis: shownKpisOf(settings),
  };
}

/** Settings with the overlay hidden (or shown again) on one platform: the panel's "Hide on …" button. */
export function withOverlayHiddenOn(settings: Settings, platform: Platform, hidden: boolean): Settings {
  return withOverlayOn(settings, platform, !hidden);
}

// Which KPIs a row is judged on is the judge's rule (lib/kpi/judge.ts); the overlay shows what it judges.
export { isLeadRow, kpisForRow as chipKpisForRow } from '@/lib/kpi/judge';
