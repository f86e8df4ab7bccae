import { useEffect, useState, useSyncExternalStore } from 'react';
import { browser } from 'wxt/browser';
import { onLanguageChange, setLanguage, uiLanguage, type LanguageChoice } from '@/lib/i18n';
import { loadMappings, MAPPINGS_KEY } from '@/lib/mapping/store';
import type { Mapping } from '@/lib/mapping/schema';
import { loadSettings, SETTINGS_KEY, type Settings } from '@/lib/store/settings';
import { loadStatus, STATUS_KEY, type Status } from '@/lib/store/status';
import { loadRisks, RISKS_KEY, type TableRisks } from '@/lib/store/risks';

/** A value kept in `storage.local`, re-read whenever that key changes (from any page or the worker). */
function useStorageValue<T>(key: string, load: () => Promise<T>, initial?: T): T | undefined {
  const [value, setValue] = useState<T | undefined>(initial);
  useEffect(() => {
    let alive = true;
    const refresh = () =>
      void load().then(
        (v) => alive && setValue(v),
        () => undefined,
      );
    refresh();
    const listener = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && key in changes) refresh();
    };
    browser.storage.onChanged.addListener(listener);
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(listener);
    };
  }, [key, load]);
  return value;
}

/** The settings, live; `initial` (loaded before the first render) is shown until the first load answers. */
export function useSettings(initial?: Settings): Settings | undefined {
  return useStorageValue(SETTINGS_KEY, loadSettings, initial);
}

export function useRisks(): TableRisks[] | undefined {
  return useStorageValue(RISKS_KEY, loadRisks);
}

export function useStatus(): Status | undefined {
  return useStorageValue(STATUS_KEY, loadStatus);
}

/** The mapped tables (lib/mapping/store.ts), live. */
export function useMappings(): Mapping[] | undefined {
  return useStorageValue(MAPPINGS_KEY, loadMappings);
}

async function grantedOrigins(): Promise<string[]> {
  return (await browser.permissions.getAll()).origins ?? [];
}

/** The host patterns the extension may read now, re-read when the user grants or revokes one. */
export function useGrantedOrigins(): string[] | undefined {
  const [origins, setOrigins] = useState<string[]>();
  useEffect(() => {
    let alive = true;
    const refresh = () =>
      void grantedOrigins().then(
        (o) => alive && setOrigins(o),
        () => alive && setOrigins([]),
      );
    refresh();
    browser.permissions.onAdded.addListener(refresh);
    browser.permissions.onRemoved.addListener(refresh);
    return () => {
      alive = false;
      browser.permissions.onAdded.removeListener(refresh);
      browser.permissions.onRemoved.removeListener(refresh);
    };
  }, []);
  return origins;
}

/**
 * Applies the language setting to `t()` and re-renders when it changes; returns a value that changes with
 * the language (use it as a React key). Also sets `<html lang>` so screen readers pronounce the text right.
 */
export function useLanguage(choice: LanguageChoice | undefined): string {
  useEffect(() => {
    if (choice !== undefined) void setLanguage(choice);
  }, [choice]);
  const language = useSyncExternalStore(onLanguageChange, uiLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return language;
}

/** The current time, refreshed every `everyMs` (pacing and "today" move with the clock). */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
