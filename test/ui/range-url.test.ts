import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { metaAdapter } from '@/lib/platforms/meta';
import { tiktokAdapter } from '@/lib/platforms/tiktok';
import { rangeUrl } from '@/lib/ui/range-url';
import { addDays } from '@/lib/kpi/compare';

describe('rangeUrl', () => {
  it('Meta: act and the right-open date= range', () => {
    expect(
      rangeUrl({
        platform: 'meta',
        accountId: '583920174615290',
        level: 'adset',
        start: '2026-11-16',
        end: '2026-11-22',
      }),
    ).toBe(
      'https://adsmanager.facebook.com/adsmanager/manage/adsets?act=583920174615290&date=2026-11-16_2026-11-23',
    );
  });

  it('TikTok: aadvid and inclusive st/et', () => {
    expect(
      rangeUrl({
        platform: 'tiktok',
        accountId: '7123456789012345678',
        level: 'adset',
        start: '2025-05-01',
        end: '2025-05-07',
      }),
    ).toBe(
      'https://ads.tiktok.com/i18n/manage/adgroup?aadvid=7123456789012345678&st=2025-05-01&et=2025-05-07',
    );
  });

  it('no link where the URL carries no range, or the ids do not fit a known shape', () => {
    const base = {
      accountId: '412-558-0917',
      level: 'campaign',
      start: '2026-11-01',
      end: '2026-11-30',
    } as const;
    expect(rangeUrl({ ...base, platform: 'google' })).toBeNull();
    expect(rangeUrl({ ...base, platform: 'meta' })).toBeNull();
    expect(rangeUrl({ ...base, platform: 'meta', accountId: '583920174615290&x=1' })).toBeNull();
    expect(
      rangeUrl({ ...base, platform: 'meta', accountId: '583920174615290', level: 'keyword' }),
    ).toBeNull();
    expect(
      rangeUrl({ ...base, platform: 'tiktok', accountId: '7123456789012345678', end: '2026-10-01' }),
    ).toBeNull();
  });

  it('the adapters read back the account, level and range of every link (property, seed 14032)', () => {
    const day = fc
      .integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2035, 0, 1) })
      .map((ms) => new Date(ms - (ms % 86_400_000)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.constantFrom(
          ['meta', metaAdapter, /^\d{15}$/] as const,
          ['tiktok', tiktokAdapter, /^\d{19}$/] as const,
        ),
        fc.constantFrom('campaign', 'adset', 'ad') as fc.Arbitrary<'campaign' | 'adset' | 'ad'>,
        day,
        fc.integer({ min: 0, max: 90 }),
        fc.bigInt({ min: 10n ** 18n, max: 10n ** 19n - 1n }),
        ([platform, adapter], level, start, length, id) => {
          const accountId = platform === 'meta' ? String(id).slice(0, 15) : String(id);
          const end = addDays(start, length);
          const url = rangeUrl({ platform, accountId, level, start, end });
          expect(url).not.toBeNull();
          expect(adapter.detect(new URL(url!))).toEqual({ level, accountId, dateStart: start, dateEnd: end });
        },
      ),
      { seed: 14032, numRuns: 500 },
    );
  });
});
