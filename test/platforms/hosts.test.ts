import { describe, expect, it } from 'vitest';
import { PLATFORM_PAGES, platformForUrl } from '@/lib/platforms/hosts';
import { ADAPTERS, adapterForUrl } from '@/lib/platforms/registry';

describe('supported pages', () => {
  it('are the patterns of exactly the registered adapters', () => {
    expect(Object.keys(PLATFORM_PAGES).sort()).toEqual(ADAPTERS.map((a) => a.id).sort());
    for (const adapter of ADAPTERS) {
      expect(adapter.matches).toEqual(PLATFORM_PAGES[adapter.id as keyof typeof PLATFORM_PAGES]);
    }
  });

  it.each([
    ['https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=1', 'meta'],
    ['https://business.facebook.com/adsmanager/manage/ads?act=1', 'meta'],
    ['https://www.facebook.com/adsmanager/manage/adsets', 'meta'],
    ['https://ads.google.com/aw/campaigns?ocid=1', 'google'],
    ['https://ads.tiktok.com/i18n/manage/campaign?aadvid=7', 'tiktok'],
    ['https://www.facebook.com/marketplace/', null],
    ['https://ads.google.com/home/', null],
    ['http://ads.google.com/aw/campaigns', null],
    ['https://ads.tiktok.com.evil.example/i18n/manage/campaign', null],
  ])('%s → %s, as the adapters say', (url, platform) => {
    expect(platformForUrl(new URL(url))).toBe(platform);
    expect(adapterForUrl(new URL(url))?.id ?? null).toBe(platform);
  });
});
