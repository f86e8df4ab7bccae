import { describe, expect, it } from 'vitest';
import { settingsSchema } from '@/lib/store/settings';
import { chipKpisOf, overlayShownOn, withChipKpi, withOverlayOn } from '@/lib/ui/overlay-form';
import { settings } from './make';

describe('overlay preferences', () => {
  it('defaults to CPA and ROAS chips, shown on every platform', () => {
    expect(chipKpisOf(settings())).toEqual(['cpa', 'roas']);
    expect(overlayShownOn(settings(), 'meta')).toBe(true);
  });

  it('turns chip KPIs on and off in display order, never down to none', () => {
    let s = withChipKpi(settings(), 'ctr', true);
    s = withChipKpi(s, 'cpl', true);
    expect(chipKpisOf(s)).toEqual(['cpa', 'cpl', 'roas', 'ctr']);
    s = withChipKpi(withChipKpi(withChipKpi(s, 'cpa', false), 'roas', false), 'ctr', false);
    expect(chipKpisOf(s)).toEqual(['cpl']);
    expect(chipKpisOf(withChipKpi(s, 'cpl', false))).toEqual(['cpl']);
    expect(settingsSchema.safeParse(s).success).toBe(true);
  });

  it('hides and shows the overlay per platform', () => {
    const hidden = withOverlayOn(settings(), 'google', false);
    expect(overlayShownOn(hidden, 'google')).toBe(false);
    expect(overlayShownOn(hidden, 'meta')).toBe(true);
    expect(overlayShownOn(withOverlayOn(hidden, 'google', true), 'google')).toBe(true);
    expect(settingsSchema.safeParse(hidden).success).toBe(true);
  });
});
