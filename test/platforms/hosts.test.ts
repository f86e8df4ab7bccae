import { describe, expect, it } from 'vitest';
import { matchesAny } from '@/lib/platforms/hosts';
import { adapterForUrl, platformForUrl } from '@/lib/platforms/registry';

describe('match patterns', () => {
  it.each([
    ['https://ads.google.com/aw/campaigns?ocid=1', true],
    ['https://ads.google.com/aw/', true],
    ['https://ads.google.com/aw', false],
    ['http://ads.google.com/aw/campaigns', false],
    ['https://ads.google.com.evil.example/aw/campaigns', false],
    ['https://evil.example/?u=https://ads.google.com/aw/', false],
    ['https://ads.google.com:8443/aw/campaigns', false],
  ])('https://ads.google.com/aw/* matches %s: %s', (url, expected) => {
    expect(matchesAny(['https://ads.google.com/aw/*'], new URL(url))).toBe(expected);
  });
});

describe('supported pages', () => {
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
