import type { Platform } from '../model';

/**
 * Header-text dictionaries: what a column header means, in every UI language we have evidence for.
 * Used only when a platform's own semantic column keys (Meta `table_cell:` keys, Google `essfield`,
 * TikTok slot names) are absent.
 * TODO(read helper): fill dictionaries for en, vi, uk, de, fr (+ ru, es, pt, zh where evidence exists).
 */
export type ColumnConcept =
  | 'name'
  | 'spend'
  | 'impressions'
  | 'reach'
  | 'clicksAll'
  | 'clicksLink'
  | 'clicksDestination'
  | 'clicks'
  | 'conversions'
  | 'purchases'
  | 'results'
  | 'conversionValue'
  | 'roas'
  | 'leads'
  | 'budget'
  | 'ctr'
  | 'cpc'
  | 'cpm'
  | 'costPerConversion';

export function conceptForHeader(_platform: Platform, _headerText: string): ColumnConcept | null {
  return null;
}
