import * as z from '../zod';
import { browser } from 'wxt/browser';
import { accountCurrencyKey } from '../kpi/currency-policy';
import { DEFAULT_RISK_THRESHOLDS } from '../kpi/risk-flags';
import { currencySchema, platformSchema, type Platform } from '../model';

/**
 * All user settings: one zod-typed object stored under one key, versioned. Each version has a numbered
 * migration from the one before and a stored example in the tests (test/store/examples/settings-v*.json).
 */
export const SETTINGS_VERSION = 4;

export const LANGUAGES = ['auto', 'en', 'vi', 'uk'] as const;

export const alertSettingsSchema = z.object({
  /** Browser notification when an entity goes off track (once per entity, target and day). */
  notify: z.boolean(),
  /** Toolbar badge with the number of off-track entities on the current tab. */
  badge: z.boolean(),
  // Muting is per target (`muted` on the target itself), not here.
});
export type AlertSettings = z.infer<typeof alertSettingsSchema>;

export const DEFAULT_ALERT_SETTINGS: AlertSettings = { notify: true, badge: true };

const positive = (max: number) => z.number().check(z.positive(), z.lte(max));

/** Risk flags (lib/kpi/risk-flags.ts): on or off, and the thresholds the rules use. */
export const riskSettingsSchema = z.object({
  enabled: z.boolean(),
  noResultsMultiple: positive(100),
  changeThreshold: positive(10),
  zThreshold: positive(100),
  minSpend: z.number().check(z.gte(0), z.lte(1e9)),
  spikeMultiple: z.number().check(z.gt(1), z.lte(100)),
  stoppedDays: z.int().check(z.gte(1), z.lte(28)),
});
export type RiskSettings = z.infer<typeof riskSettingsSchema>;

export const DEFAULT_RISK_SETTINGS: RiskSettings = { enabled: true, ...DEFAULT_RISK_THRESHOLDS };

export const settingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  /** `<platform>:<accountId>` → ISO currency the user set for that account. */
  accountCurrencies: z._default(z.record(z.string(), currencySchema), {}),
  /**
   * `<platform>:<accountId>` → when (epoch ms) the user answered the overlay's "amounts in USD?" question
   * with "Don't ask again": it is not asked again for that account (the currency stays assumed and can
   * still be set in the options). Optional, so settings stored before it existed read back unchanged.
   */
  currencyPromptDismissed: z.optional(z.record(z.string(), z.count())),
  /**
   * `<platform>:<accountId>` → IANA time zone of the account, for budget pacing; accounts not listed use
   * the browser's time zone.
   */
  accountTimeZones: z._default(z.record(z.string(), z.nonEmptyString(64)), {}),
  /**
   * `<platform>:<accountId>` → the average lifetime value of a customer the user entered, in the account's
   * currency (no ad page shows it), for LTV-based ROAS and CAC payback (lib/kpi/ltv.ts); absent = not set.
   */
  accountLtv: z._default(z.record(z.string(), z.number().check(z.positive(), z.lte(1e9))), {}),
  /**
   * Days of raw snapshots to keep; null keeps everything (the default). Daily roll-ups and the newest
   * reading of every entity are kept regardless, so trends and the overlay survive pruning.
   */
  retentionDays: z._default(z.nullable(z.int().check(z.gte(1), z.lte(36500))), null),
  /** Profit margin as a fraction (0.3 = 30 %), for ROMI and break-even KPIs; null = not set. */
  margin: z._default(z.nullable(z.number().check(z.gt(0), z.lte(1))), null),
  /** The currency blended figures are shown in; null = not set (no blending across currencies). */
  reportingCurrency: z._default(z.nullable(currencySchema), null),
  /** Rates the user enters: value of one unit of the key currency in the reporting currency. */
  fxRates: z._default(z.record(currencySchema, z.number().check(z.positive())), {}),
  overlay: z._default(
    z.object({
      enabled: z.boolean(),
      /** Platforms the user hid the overlay on (from the page's panel or the options); absent = none. */
      hiddenOn: z.optional(z.array(platformSchema).check(z.maxLength(10))),
      /** KPIs of the row chips, in order; absent = CPA and ROAS (lib/overlay/prefs.ts). */
      chipKpis: z.optional(
        z.array(z.enum(['cpa', 'cpl', 'roas', 'romi', 'ctr', 'cvr', 'cpc', 'cpm'])).check(z.maxLength(8)),
      ),
    }),
    { enabled: true },
  ),
  alerts: z._default(alertSettingsSchema, DEFAULT_ALERT_SETTINGS),
  /** Risk flags on chips, panel and popup, and their thresholds; notified as `alerts.notify` says. */
  risk: z._default(riskSettingsSchema, DEFAULT_RISK_SETTINGS),
  /** UI language; 'auto' follows the browser. */
  language: z._default(z.enum(LANGUAGES), 'auto'),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({ version: SETTINGS_VERSION });
export const SETTINGS_KEY = 'settings';

type Raw = Record<string, unknown>;

/** MIGRATIONS[n] turns a version-n object into version n+1 (the loop sets `version`). */
const MIGRATIONS: Record<number, (old: Raw) => Raw> = {
  // v2 adds account time zones, retention, margin, FX, overlay, alert and language preferences; v1 fields are unchanged.
  1: (old) => ({
    ...old,
    accountTimeZones: {},
    retentionDays: null,
    margin: null,
    reportingCurrency: null,
    fxRates: {},
    overlay: { enabled: true },
    alerts: DEFAULT_ALERT_SETTINGS,
    language: 'auto',
  }),
  // v3 adds the risk flags' switch and thresholds (defaults: on, lib/kpi/risk-flags.ts); v2 fields are unchanged.
  2: (old) => ({ ...old, risk: DEFAULT_RISK_SETTINGS }),
  // v4 adds the accounts' average customer lifetime value (none set); v3 fields are unchanged.
  3: (old) => ({ ...old, accountLtv: {} }),
};

/** Runs the numbered migrations up to the current version (no validation). */
export function upgradeSettings(stored: Record<string, unknown>): Record<string, unknown> {
  let value = stored;
  let version = typeof value.version === 'number' ? value.version : 1;
  while (version < SETTINGS_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) break;
    value = { ...step(value), version: ++version };
  }
  return value;
}

/** Stored settings of any earlier version → current settings; unreadable fields fall back to defaults. */
export function migrateSettings(stored: unknown): Settings {
  if (!stored || typeof stored !== 'object') return DEFAULT_SETTINGS;
  const value = upgradeSettings(stored as Raw);
  const parsed = settingsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  if (value.version !== SETTINGS_VERSION) return DEFAULT_SETTINGS;
  return salvage(value);
}

/** One bad field (e.g. a hand-edited currency) must not throw away every other setting. */
function salvage(value: Raw): Settings {
  const out: Raw = { version: SETTINGS_VERSION };
  for (const [key, field] of Object.entries(settingsSchema.shape)) {
    if (key === 'version') continue;
    const one = (field as z.ZodMiniType).safeParse(value[key]);
    if (one.success) out[key] = one.data;
  }
  return settingsSchema.parse(out);
}

export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  return migrateSettings(stored[SETTINGS_KEY]);
}

export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [SETTINGS_KEY]: settingsSchema.parse(settings) });
}

/** Settings with `currency` as the account's currency (the options' Accounts field, the panel's answer). */
export function withAccountCurrency(
  settings: Settings,
  platform: Platform,
  accountId: string,
  currency: string,
): Settings {
  const key = accountCurrencyKey(platform, accountId);
  return { ...settings, accountCurrencies: { ...settings.accountCurrencies, [key]: currency } };
}

/** Settings in which the currency question of this account is not asked again (see the field). */
export function withCurrencyPromptDismissed(
  settings: Settings,
  platform: Platform,
  accountId: string,
  at: number,
): Settings {
  const key = accountCurrencyKey(platform, accountId);
  return { ...settings, currencyPromptDismissed: { ...settings.currencyPromptDismissed, [key]: at } };
}

/** Applies a change to the stored settings (read, change, validate, write). */
export async function updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
  const next = settingsSchema.parse(change(await loadSettings()));
  await saveSettings(next);
  return next;
}
