import { describe, expect, it } from 'vitest';
import {
  chipKpisForRow,
  DEFAULT_CHIP_KPIS,
  isLeadRow,
  overlayPrefs,
  withOverlayHiddenOn,
} from '@/lib/overlay/prefs';
import { DEFAULT_SETTINGS, settingsSchema } from '@/lib/store/settings';

describe('overlay preferences', () => {
  it('defaults: shown everywhere, CPA and ROAS chips', () => {
    expect(overlayPrefs(DEFAULT_SETTINGS, 'meta')).toEqual({ shown: true, chipKpis: DEFAULT_CHIP_KPIS });
    expect(DEFAULT_CHIP_KPIS).toEqual(['cpa', 'roas']);
  });

  it('hidden globally or on one platform only', () => {
    const off = { ...DEFAULT_SETTINGS, overlay: { enabled: false } };
    expect(overlayPrefs(off, 'google').shown).toBe(false);
    const hiddenOnMeta = withOverlayHiddenOn(DEFAULT_SETTINGS, 'meta', true);
    expect(overlayPrefs(hiddenOnMeta, 'meta').shown).toBe(false);
    expect(overlayPrefs(hiddenOnMeta, 'tiktok').shown).toBe(true);
    // Hiding twice keeps one entry; showing again removes it; the result is valid settings.
    const twice = withOverlayHiddenOn(hiddenOnMeta, 'meta', true);
    expect(twice.overlay.hiddenOn).toEqual(['meta']);
    const again = withOverlayHiddenOn(twice, 'meta', false);
    expect(overlayPrefs(again, 'meta').shown).toBe(true);
    expect(settingsSchema.safeParse(again).success).toBe(true);
  });

  it('the chosen chip KPIs, without duplicates; an empty list falls back to the defaults', () => {
    expect(
      overlayPrefs({ overlay: { enabled: true, chipKpis: ['ctr', 'cpa', 'ctr'] } }, 'meta').chipKpis,
    ).toEqual(['ctr', 'cpa']);
    expect(overlayPrefs({ overlay: { enabled: true, chipKpis: [] } }, 'meta').chipKpis).toEqual([
      'cpa',
      'roas',
    ]);
  });

  it('a stored settings object with the new fields validates; bad KPIs or platforms do not', () => {
    const ok = {
      ...DEFAULT_SETTINGS,
      overlay: { enabled: true, hiddenOn: ['tiktok'], chipKpis: ['cpl', 'cpm'] },
    };
    expect(settingsSchema.safeParse(ok).success).toBe(true);
    expect(settingsSchema.safeParse({ ...ok, overlay: { enabled: true, chipKpis: ['aov'] } }).success).toBe(
      false,
    );
    expect(
      settingsSchema.safeParse({ ...ok, overlay: { enabled: true, hiddenOn: ['myspace'] } }).success,
    ).toBe(false);
  });

  it('lead rows (leads counted, no sales value) show CPL for CPA and leave ROAS/ROMI out', () => {
    const lead = { spend: 2486.02, conversions: 318, leads: 318 };
    expect(isLeadRow(lead)).toBe(true);
    expect(chipKpisForRow(['cpa', 'roas'], lead)).toEqual(['cpl']);
    expect(chipKpisForRow(['roas', 'cpa', 'ctr', 'cpl'], lead)).toEqual(['cpl', 'ctr']);
    // A row with a sales value is a sales row even when it also counts leads.
    const sales = { spend: 100, conversions: 4, leads: 2, conversionValue: 400 };
    expect(isLeadRow(sales)).toBe(false);
    expect(chipKpisForRow(['cpa', 'roas'], sales)).toEqual(['cpa', 'roas']);
    // Not knowing the leads is not a lead row.
    expect(chipKpisForRow(['cpa', 'roas'], { spend: 640 })).toEqual(['cpa', 'roas']);
  });
});
