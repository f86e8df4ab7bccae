import { describe, expect, it } from 'vitest';
import type { Platform } from '@/lib/model';
import { matchesAny } from '@/lib/platforms/hosts';
import { ADAPTERS, adapterForUrl } from '@/lib/platforms/registry';

/**
 * Realistic addresses and which adapter, if any, may read them. Every adapter in the registry is asked about
 * every address: exactly the named one says yes (`detect` non-null), all others say no.
 * `runs` says whether the content script is injected at all (manifest match patterns, CONTRACTS.md §3).
 * Other platforms: add your rows to this table.
 */
const MATRIX: ReadonlyArray<{ url: string; reads: Platform | null; runs: boolean }> = [
  // Meta Ads Manager: the three report levels on all three hosts.
  {
    url: 'https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=372479995297951&business_id=130028894831471&global_scope_id=130028894831471&date=2026-04-05_2026-04-06%2Cyesterday',
    reads: 'meta',
    runs: true,
  },
  {
    url: 'https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=583920174615290&nav_entry_point=am_local_scope_selector&columns=name%2Cdelivery%2Cresults%2Ccost_per_result%2Cbudget%2Cspend%2Cimpressions%2Creach&attribution_windows=default&date=2026-11-01_2026-11-22%2Cthis_month',
    reads: 'meta',
    runs: true,
  },
  {
    url: 'https://adsmanager.facebook.com/adsmanager/manage/adsets?act=771204583316842&business_id=1934402277815563&selected_campaign_ids=120209876543210015&nav_entry_point=lep_237',
    reads: 'meta',
    runs: true,
  },
  {
    url: 'https://business.facebook.com/adsmanager/manage/ads?act=350016728894120&business_id=880112345098765&selected_adset_ids=120215550000000070&date=2026-11-14_2026-11-21%2Clast_7d',
    reads: 'meta',
    runs: true,
  },
  {
    url: 'https://www.facebook.com/adsmanager/manage/campaigns?act=583920174615290&filter_set=CAMPAIGN_GROUP_SELECTED-STRING_SET%1EIN%1E[%22120212345678900011%22]&date=2024-10-27_2024-11-03%2Clast_7d',
    reads: 'meta',
    runs: true,
  },
  {
    url: 'https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=583920174615290&insights_date=2023-12-18_2026-09-02%2Cmaximum&comparison_date=&column_preset=PERFORMANCE_LEGACY',
    reads: 'meta',
    runs: true,
  },
  // Meta pages that are not reports: the content script may run (same /manage/ prefix) but reads nothing.
  {
    url: 'https://adsmanager.facebook.com/adsmanager/manage/accounts?act=583920174615290',
    reads: null,
    runs: true,
  },
  {
    url: 'https://adsmanager.facebook.com/adsmanager/manage/campaigns/edit?act=583920174615290&selected_campaign_ids=120212345678900011',
    reads: null,
    runs: true,
  },
  {
    url: 'https://adsmanager.facebook.com/adsmanager/audiences?act=583920174615290&business_id=2401937718264051',
    reads: null,
    runs: false,
  },
  {
    url: 'https://adsmanager.facebook.com/adsmanager/reporting/manage?act=583920174615290&time_range=2024-05-30_2024-06-06%2Clast_7d&metrics=spend',
    reads: null,
    runs: false,
  },
  {
    url: 'https://business.facebook.com/settings/ad-accounts/583920174615290?business_id=2401937718264051',
    reads: null,
    runs: false,
  },
  {
    url: 'https://business.facebook.com/billing_hub/payment_activity?asset_id=583920174615290&business_id=2401937718264051',
    reads: null,
    runs: false,
  },
  {
    url: 'https://www.facebook.com/ads/manager/account_settings/account_billing/?act=583920174615290&pid=p1',
    reads: null,
    runs: false,
  },
  {
    url: 'https://www.facebook.com/ads/library/?active_status=all&ad_type=all&country=US&q=northwind',
    reads: null,
    runs: false,
  },
  { url: 'https://www.facebook.com/', reads: null, runs: false },
  // Google Ads: the four report levels (the customer id is in the page, not the URL).
  {
    url: 'https://ads.google.com/aw/campaigns?ocid=213777327&euid=221303957&__u=1427944493&uscid=213777327&__c=9355685623&authuser=1',
    reads: 'google',
    runs: true,
  },
  {
    url: 'https://ads.google.com/aw/adgroups?campaignId=791252583&ocid=213777327&__u=1427944493&__c=9355685623',
    reads: 'google',
    runs: true,
  },
  {
    url: 'https://ads.google.com/aw/ads?campaignId=791252583&adGroupId=44015999747&ocid=213777327',
    reads: 'google',
    runs: true,
  },
  {
    url: 'https://ads.google.com/aw/keywords?campaignId=791252583&adGroupId=44015999747&ocid=213777327&__c=9355685623',
    reads: 'google',
    runs: true,
  },
  { url: 'https://ads.google.com/aw/campaigns/?ocid=213777327&__e=1248957009', reads: 'google', runs: true },
  // Google Ads pages that are not report tables.
  { url: 'https://ads.google.com/aw/overview?ocid=213777327&__c=9355685623', reads: null, runs: true },
  { url: 'https://ads.google.com/aw/settings/account?ocid=213777327', reads: null, runs: true },
  { url: 'https://ads.google.com/aw/billing/summary?ocid=213777327', reads: null, runs: true },
  { url: 'https://ads.google.com/aw/conversions?ocid=213777327', reads: null, runs: true },
  { url: 'https://ads.google.com/aw/bulk/uploads?ocid=213777327', reads: null, runs: true },
  { url: 'https://ads.google.com/aw/campaigns/new?ocid=213777327', reads: null, runs: true },
  { url: 'https://ads.google.com/aw/keywords/negative?ocid=213777327', reads: null, runs: true },
  { url: 'https://ads.google.com/home/', reads: null, runs: false },
  // TikTok Ads Manager: the three report levels.
  {
    url: 'https://ads.tiktok.com/i18n/manage/campaign?aadvid=7123456789012345678&st=2025-05-01&et=2025-05-07',
    reads: 'tiktok',
    runs: true,
  },
  {
    url: 'https://ads.tiktok.com/i18n/manage/adgroup?aadvid=7123456789012345678&st=2025-05-01&et=2025-05-07',
    reads: 'tiktok',
    runs: true,
  },
  {
    url: 'https://ads.tiktok.com/i18n/manage/creative?aadvid=7123456789012345678',
    reads: 'tiktok',
    runs: true,
  },
  {
    url: 'https://ads.tiktok.com/i18n/manage/ad?aadvid=7123456789012345678&st=2025-05-01&et=2025-05-01',
    reads: 'tiktok',
    runs: true,
  },
  // TikTok pages that are not report tables.
  {
    url: 'https://ads.tiktok.com/i18n/manage/campaign/create?aadvid=7123456789012345678',
    reads: null,
    runs: true,
  },
  { url: 'https://ads.tiktok.com/i18n/dashboard?aadvid=7123456789012345678', reads: null, runs: false },
  { url: 'https://ads.tiktok.com/i18n/perf/campaign?aadvid=7123456789012345678', reads: null, runs: false },
  { url: 'https://ads.tiktok.com/i18n/login', reads: null, runs: false },
  { url: 'https://www.tiktok.com/i18n/manage/campaign?aadvid=7123456789012345678', reads: null, runs: false },
];

describe('which adapter reads which address', () => {
  it('names only registered adapters', () => {
    const ids = new Set(ADAPTERS.map((a) => a.id));
    expect(MATRIX.filter((row) => row.reads !== null && !ids.has(row.reads)).map((r) => r.url)).toEqual([]);
  });

  // A new adapter must bring its own cases: addresses it reads, and addresses on its own pages that it must not.
  describe.each(ADAPTERS.map((a) => [a.id, a] as const))('%s has real cases', (id, adapter) => {
    const own = MATRIX.filter((row) => matchesAny(adapter.matches, new URL(row.url)));

    it('reads at least two addresses', () => {
      expect(MATRIX.filter((row) => row.reads === id).length).toBeGreaterThanOrEqual(2);
    });

    it('declines at least one address its content script runs on', () => {
      expect(own.filter((row) => row.reads === null).length).toBeGreaterThanOrEqual(1);
    });

    it('declines at least one address on its hosts where the content script does not run', () => {
      const hosts = new Set(adapter.matches.map((m) => new URL(m.replace('*', '')).host));
      const outside = MATRIX.filter((row) => hosts.has(new URL(row.url).host) && !row.runs);
      expect(outside.length).toBeGreaterThanOrEqual(1);
    });

    it.each(adapter.matches.map((m) => [m] as const))('has an address read under %s', (pattern) => {
      expect(MATRIX.some((row) => row.reads === id && matchesAny([pattern], new URL(row.url)))).toBe(true);
    });

    it('detects only inside its own match patterns', () => {
      const outside = MATRIX.filter(
        (row) => adapter.detect(new URL(row.url)) !== null && !matchesAny(adapter.matches, new URL(row.url)),
      );
      expect(outside.map((r) => r.url)).toEqual([]);
    });
  });

  describe.each(MATRIX.map((row) => [row.url, row] as const))('%s', (url, { reads, runs }) => {
    it.each(ADAPTERS.map((a) => [a.id, a] as const))(`%s: ${reads ?? 'none'} reads it`, (id, adapter) => {
      expect(adapter.detect(new URL(url)) !== null).toBe(id === reads);
    });

    it(runs ? 'runs the content script' : 'does not run the content script', () => {
      const adapter = adapterForUrl(new URL(url));
      expect(adapter !== null).toBe(runs);
      if (reads) expect(adapter?.id).toBe(reads);
    });
  });
});
