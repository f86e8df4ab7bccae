import { z } from 'zod';
import { browser } from 'wxt/browser';
import { currencySchema } from '../model';

/**
 * All user settings: one zod-typed object stored under one key, versioned. Each version has a numbered
 * migration from the one before and a stored example in the tests.
 */
export const SETTINGS_VERSION = 1;

export const settingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  /** `<platform>:<accountId>` → ISO currency the user set for that account. */
  accountCurrencies: z.record(z.string(), currencySchema).default({}),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { version: SETTINGS_VERSION, accountCurrencies: {} };
export const SETTINGS_KEY = 'settings';

/** migrations[n] turns a version-n object into version n+1. */
const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {};

export function migrateSettings(stored: unknown): Settings {
  if (!stored || typeof stored !== 'object') return DEFAULT_SETTINGS;
  let value = stored as Record<string, unknown>;
  let version = typeof value.version === 'number' ? value.version : 1;
  while (version < SETTINGS_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) break;
    value = { ...step(value), version: ++version };
  }
  const parsed = settingsSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  return migrateSettings(stored[SETTINGS_KEY]);
}

export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [SETTINGS_KEY]: settingsSchema.parse(settings) });
}
