import type { EntityRisk } from '@/lib/kpi/entity-risks';
import { riskLine, riskText, type RiskText } from '@/lib/ui/risk-text';
import type { RowRisk } from './chips';
import type { Translate } from './explain';

/** The worker's risk flags as the overlay shows them: on each row's chips and listed in the panel. Pure. */

/** Each flagged row's flag chip: its names read out, every flag with its numbers as the tooltip. */
export function rowRisksOf(risks: readonly EntityRisk[], locale: string, t: Translate): Map<string, RowRisk> {
  const out = new Map<string, RowRisk>();
  for (const risk of risks) {
    if (risk.flags.length === 0) continue;
    const titles = risk.flags.map((f) => riskText(f, risk.currency, locale, t).title);
    out.set(risk.entityKey, {
      label: t('common_risk_flag_label', titles.join(', ')),
      tip: risk.flags.map((f) => riskLine(f, risk.currency, locale, t)).join('\n'),
    });
  }
  return out;
}

export interface PanelRisk {
  /** The entity's name as the page shows it (or its key). */
  name: string;
  flags: RiskText[];
}

/** The panel lists this many flagged rows; the chips show every one. */
export const PANEL_RISKS = 5;

export function panelRisksOf(
  risks: readonly EntityRisk[],
  names: ReadonlyMap<string, string | null>,
  locale: string,
  t: Translate,
): { shown: PanelRisk[]; more: number } {
  const flagged = risks.filter((r) => r.flags.length > 0);
  return {
    shown: flagged.slice(0, PANEL_RISKS).map((r) => ({
      name: names.get(r.entityKey) ?? r.entityKey,
      flags: r.flags.map((f) => riskText(f, r.currency, locale, t)),
    })),
    more: Math.max(0, flagged.length - PANEL_RISKS),
  };
}
