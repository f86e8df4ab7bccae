import type { Level, Platform } from '../model';

/**
 * Addresses that open an ad manager's report at a given reporting range, for "open this range" links.
 * Built only from URL shapes the adapters themselves parse (meta.ts `detect`: `act` and the right-open
 * `date=start_end+1`; tiktok.ts `detect`: `aadvid` and inclusive `st`/`et`), never from page text. Google
 * Ads keeps its range out of the URL, so it gets no link (the UI says which range to open instead).
 * Standalone (no adapter imported): the worker bundles it without the page readers.
 */

export interface RangeTarget {
  platform: Platform;
  accountId: string;
  level: Level;
  /** `YYYY-MM-DD`, both inclusive. */
  start: string;
  end: string;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const META_PATH: Partial<Record<Level, string>> = { campaign: 'campaigns', adset: 'adsets', ad: 'ads' };
const TIKTOK_PATH: Partial<Record<Level, string>> = { campaign: 'campaign', adset: 'adgroup', ad: 'ad' };

function metaUrl(t: RangeTarget): string | null {
  const path = META_PATH[t.level];
  if (!path || !/^\d{5,20}$/.test(t.accountId)) return null;
  const url = new URL(`https://adsmanager.facebook.com/adsmanager/manage/${path}`);
  url.searchParams.set('act', t.accountId);
  // Meta's `date=` end is exclusive: the range's last day + 1.
  url.searchParams.set('date', `${t.start}_${nextDay(t.end)}`);
  return url.toString();
}

function tiktokUrl(t: RangeTarget): string | null {
  const path = TIKTOK_PATH[t.level];
  if (!path || !/^\d{15,20}$/.test(t.accountId)) return null;
  const url = new URL(`https://ads.tiktok.com/i18n/manage/${path}`);
  url.searchParams.set('aadvid', t.accountId);
  url.searchParams.set('st', t.start);
  url.searchParams.set('et', t.end);
  return url.toString();
}

/** The report at that range, or null where the platform's URL does not carry a range (or the ids do not fit). */
export function rangeUrl(target: RangeTarget): string | null {
  if (!ISO_DAY.test(target.start) || !ISO_DAY.test(target.end) || target.end < target.start) return null;
  switch (target.platform) {
    case 'meta':
      return metaUrl(target);
    case 'tiktok':
      return tiktokUrl(target);
    default:
      return null;
  }
}
