import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_RISK_SETTINGS,
  DEFAULT_SETTINGS,
  SETTINGS_KEY,
  SETTINGS_VERSION,
  loadSettings,
  migrateSettings,
  saveSettings,
  settingsSchema,
  updateSettings,
  withAccountCurrency,
  withCurrencyPromptDismissed,
} from '@/lib/store/settings';
import { mergeSettings } from '@/lib/store/backup';
import v1 from './examples/settings-v1.json';
import v2 from './examples/settings-v2.json';
import v3 from './examples/settings-v3.json';
import v4 from './examples/settings-v4.json';

beforeEach(() => fakeBrowser.reset());

describe('settings migrations', () => {
  it('upgrades the stored v1 example to the current version, keeping its account currencies', () => {
    const migrated = migrateSettings(structuredClone(v1));
    expect(migrated.version).toBe(SETTINGS_VERSION);
    expect(migrated.accountCurrencies).toEqual(v1.accountCurrencies);
    expect(migrated.retentionDays).toBeNull();
    expect(migrated.margin).toBeNull();
    expect(migrated.alerts).toEqual({ notify: true, badge: true });
    expect(settingsSchema.safeParse(migrated).success).toBe(true);
  });

  it('upgrades the stored v2 example to v3: every v2 field kept, risk flags on with the default thresholds', () => {
    const migrated = migrateSettings(structuredClone(v2));
    expect(migrated).toEqual({
      ...v2,
      version: SETTINGS_VERSION,
      risk: DEFAULT_RISK_SETTINGS,
      accountLtv: {},
    });
    expect(migrated.risk).toEqual({
      enabled: true,
      noResultsMultiple: 2,
      changeThreshold: 0.5,
      zThreshold: 2.5,
      minSpend: 10,
      spikeMultiple: 2,
      stoppedDays: 7,
    });
  });

  it('upgrades the stored v3 example to v4: every v3 field kept, no lifetime value set', () => {
    expect(migrateSettings(structuredClone(v3))).toEqual({ ...v3, version: 4, accountLtv: {} });
  });

  it('reads the stored v4 example unchanged, and refuses a lifetime value of 0', () => {
    expect(migrateSettings(structuredClone(v4))).toEqual(v4);
    const damaged = { ...structuredClone(v4), accountLtv: { 'meta:1': 0 } };
    expect(migrateSettings(damaged).accountLtv).toEqual({});
    expect(migrateSettings(damaged).margin).toBe(v4.margin);
  });

  it('a damaged risk threshold falls back to the defaults without costing the other settings', () => {
    const damaged = { ...structuredClone(v4), risk: { ...v4.risk, spikeMultiple: 0.5 } };
    const migrated = migrateSettings(damaged);
    expect(migrated.risk).toEqual(DEFAULT_RISK_SETTINGS);
    expect(migrated.margin).toBe(0.35);
  });

  it('treats a missing or non-object value as defaults', () => {
    expect(migrateSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(migrateSettings('junk')).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps the other fields when one field is invalid', () => {
    const damaged = { ...structuredClone(v4), margin: 7, fxRates: { EUR: -1 } };
    const migrated = migrateSettings(damaged);
    expect(migrated.margin).toBeNull();
    expect(migrated.fxRates).toEqual({});
    expect(migrated.retentionDays).toBe(365);
    expect(migrated.accountTimeZones).toEqual(v4.accountTimeZones);
  });

  it('a settings object from a newer version falls back to defaults rather than being misread', () => {
    expect(migrateSettings({ version: SETTINGS_VERSION + 1, margin: 0.2 })).toEqual(DEFAULT_SETTINGS);
  });
});

describe('settings storage', () => {
  it('loads a stored v1 object migrated, and saves validated settings', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: structuredClone(v1) });
    const loaded = await loadSettings();
    expect(loaded.accountCurrencies['meta:1234567890']).toBe('EUR');
    await saveSettings({ ...loaded, margin: 0.4 });
    expect((await loadSettings()).margin).toBe(0.4);
    await expect(saveSettings({ ...loaded, margin: 4 })).rejects.toThrow();
  });

  it('updateSettings applies a change to what is stored', async () => {
    await updateSettings((s) => ({ ...s, retentionDays: 90 }));
    await updateSettings((s) => ({ ...s, language: 'vi' }));
    const loaded = await loadSettings();
    expect(loaded.retentionDays).toBe(90);
    expect(loaded.language).toBe('vi');
  });
});

describe('the currency question’s answers (overlay)', () => {
  it('the account currency and "don’t ask again" are kept per account; a damaged entry never costs the rest', async () => {
    let s = withAccountCurrency(DEFAULT_SETTINGS, 'meta', '1', 'CAD');
    s = withCurrencyPromptDismissed(s, 'google', '2', 1_700_000_000_000);
    await saveSettings(s);
    const loaded = await loadSettings();
    expect(loaded.accountCurrencies).toEqual({ 'meta:1': 'CAD' });
    expect(loaded.currencyPromptDismissed).toEqual({ 'google:2': 1_700_000_000_000 });
    const damaged = migrateSettings({ ...structuredClone(v2), currencyPromptDismissed: { 'meta:1': 'yes' } });
    expect(damaged.currencyPromptDismissed).toBeUndefined();
    expect(damaged.accountCurrencies).toEqual(v2.accountCurrencies);
  });

  it('a backup’s answers are merged with this profile’s, per account', () => {
    const here = withCurrencyPromptDismissed(DEFAULT_SETTINGS, 'meta', '1', 1);
    const imported = withCurrencyPromptDismissed(DEFAULT_SETTINGS, 'meta', '2', 2);
    expect(mergeSettings(here, imported).currencyPromptDismissed).toEqual({ 'meta:1': 1, 'meta:2': 2 });
    expect(mergeSettings(DEFAULT_SETTINGS, DEFAULT_SETTINGS).currencyPromptDismissed).toBeUndefined();
  });
});
