import type { MessageKey } from '../i18n';
import { originPermissionPattern, type ColumnUse, type Mapping } from '../mapping/schema';

/** What a mapped column gives, as the options page and the mapping panel name it. */
export const COLUMN_USE_KEYS: Record<ColumnUse, MessageKey> = {
  name: 'mapping_use_name',
  id: 'mapping_use_id',
  spend: 'mapping_use_spend',
  impressions: 'mapping_use_impressions',
  reach: 'mapping_use_reach',
  clicks: 'mapping_use_clicks',
  conversions: 'mapping_use_conversions',
  conversionValue: 'mapping_use_conversionValue',
  leads: 'mapping_use_leads',
  roasShown: 'mapping_use_roasShown',
  results: 'mapping_use_results',
  budget: 'mapping_use_budget',
};

/** One site of the options list: its permission (what "Stop reading this site" revokes) and its mappings. */
export interface MappedSite {
  /** The match pattern of the site's optional host permission, `https://host/*`. */
  pattern: string;
  /** Shown to the user: the mappings' origin, or the pattern's when only a permission is left. */
  origin: string;
  allowed: boolean;
  mappings: Mapping[];
}

/** `https://host/*` → `https://host`; null for a pattern that is not one site (wildcards, other schemes). */
function originOfPattern(pattern: string): string | null {
  const match = /^https:\/\/([a-z0-9.-]+)\/\*$/.exec(pattern);
  return match ? `https://${match[1]}` : null;
}

/**
 * The granted patterns that are single sites the user allowed (what *Delete all data* revokes), not the
 * extension's required ad-manager hosts.
 */
export function sitesAllowedByUser(
  granted: readonly string[],
  required: readonly string[],
): { pattern: string; origin: string }[] {
  // By host: the browser reports a required `https://ads.google.com/aw/*` as granted `https://ads.google.com/*`.
  const requiredHosts = new Set(required.map((p) => /^[a-z*]+:\/\/([^/]+)\//.exec(p)?.[1]));
  return granted.flatMap((pattern) => {
    const origin = originOfPattern(pattern);
    return origin && !requiredHosts.has(new URL(origin).host) ? [{ pattern, origin }] : [];
  });
}

/**
 * The sites to list: every site with a mapping, and every site the user allowed without mapping a table there
 * (so a grant can always be revoked). The extension's required patterns (the ad managers' hosts) are not "sites
 * you allowed": they are left out. Sorted by the address shown.
 */
export function mappedSites(
  mappings: readonly Mapping[],
  granted: readonly string[],
  required: readonly string[],
): MappedSite[] {
  const allowed = new Set(granted);
  const sites = new Map<string, MappedSite>();
  for (const mapping of mappings) {
    const pattern = originPermissionPattern(mapping.origin);
    const site = sites.get(pattern) ?? {
      pattern,
      origin: mapping.origin,
      allowed: allowed.has(pattern),
      mappings: [],
    };
    site.mappings.push(mapping);
    sites.set(pattern, site);
  }
  for (const { pattern, origin } of sitesAllowedByUser(granted, required))
    if (!sites.has(pattern)) sites.set(pattern, { pattern, origin, allowed: true, mappings: [] });
  return [...sites.values()].sort((a, b) => (a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : 0));
}
