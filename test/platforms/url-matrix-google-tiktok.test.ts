import { describe, expect, it } from 'vitest';
import type { Level, Platform } from '@/lib/model';
import { ADAPTERS, adapterForUrl } from '@/lib/platforms/registry';

/** Report pages: each is detected by its own adapter, at this level, and by no other adapter. */
const REPORTS: Array<[url: string, platform: Platform, level: Level]> = [
  [
    'https://ads.google.com/aw/campaigns?ocid=213777327&euid=221303957&__u=1427944493&uscid=213777327&__c=9355685623&authuser=1',
    'google',
    'campaign',
  ],
  [
    'https://ads.google.com/aw/adgroups?campaignId=791252583&ocid=213777327&__c=9355685623',
    'google',
    'adset',
  ],
  ['https://ads.google.com/aw/ads?campaignId=791252583&adGroupId=44015999747&ocid=213777327', 'google', 'ad'],
  [
    'https://ads.google.com/aw/keywords?campaignId=791252583&adGroupId=44015999747&ocid=213777327',
    'google',
    'keyword',
  ],
  ['https://ads.google.com/aw/campaigns/?ocid=213777327&__e=1248957009', 'google', 'campaign'],
  [
    'https://ads.tiktok.com/i18n/manage/campaign?aadvid=7123456789012345678&st=2025-05-01&et=2025-05-07',
    'tiktok',
    'campaign',
  ],
  [
    'https://ads.tiktok.com/i18n/manage/adgroup?aadvid=7123456789012345678&st=2025-05-01&et=2025-05-07',
    'tiktok',
    'adset',
  ],
  ['https://ads.tiktok.com/i18n/manage/creative?aadvid=7123456789012345678', 'tiktok', 'ad'],
  [
    'https://ads.tiktok.com/i18n/manage/ad?aadvid=7123456789012345678&st=2025-05-01&et=2025-05-01',
    'tiktok',
    'ad',
  ],
];

/** Pages of supported hosts (or look-alikes) that are not report tables: no adapter detects them. */
const NOT_REPORTS: string[] = [
  'https://ads.google.com/aw/overview?ocid=213777327&__c=9355685623',
  'https://ads.google.com/aw/settings/account?ocid=213777327',
  'https://ads.google.com/aw/billing/summary?ocid=213777327',
  'https://ads.google.com/aw/conversions?ocid=213777327',
  'https://ads.google.com/aw/budgets?ocid=213777327',
  'https://ads.google.com/aw/bulk/uploads?ocid=213777327',
  'https://ads.google.com/aw/campaigns/new?ocid=213777327',
  'https://ads.google.com/aw/keywords/negative?ocid=213777327',
  'https://ads.google.com/home/',
  'https://ads.google.example/aw/campaigns?ocid=213777327',
  'https://ads.tiktok.com/i18n/dashboard?aadvid=7123456789012345678',
  'https://ads.tiktok.com/i18n/login',
  'https://ads.tiktok.com/passport/web/login',
  'https://ads.tiktok.com/i18n/perf/campaign?aadvid=7123456789012345678',
  'https://ads.tiktok.com/i18n/manage/campaign/create?aadvid=7123456789012345678',
  'https://www.tiktok.com/i18n/manage/campaign?aadvid=7123456789012345678',
];

describe('URL matrix: Google Ads and TikTok Ads Manager', () => {
  describe.each(REPORTS)('%s', (url, platform, level) => {
    it(`is a ${platform} ${level} report for ${platform} only`, () => {
      for (const adapter of ADAPTERS) {
        const detected = adapter.detect(new URL(url));
        if (adapter.id === platform) expect(detected?.level).toBe(level);
        else expect(detected).toBeNull();
      }
    });

    it('is matched by that adapter’s content-script patterns', () => {
      expect(adapterForUrl(new URL(url))?.id).toBe(platform);
    });
  });

  it.each(NOT_REPORTS)('%s is detected by no adapter', (url) => {
    for (const adapter of ADAPTERS) expect(adapter.detect(new URL(url))).toBeNull();
  });

  it('takes no account id from Google URLs (ocid, __c, __e are not the customer id)', () => {
    const google = ADAPTERS.find((a) => a.id === 'google')!;
    for (const [url, platform] of REPORTS) {
      if (platform === 'google') expect(google.detect(new URL(url))?.accountId).toBeNull();
    }
  });
});
