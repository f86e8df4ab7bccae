import { browser } from 'wxt/browser';
import { migrateMapping, mergeMappings, type Mapping } from './schema';

/**
 * The user's mappings, stored in `storage.local` under one key as a list of versioned records (not in Dexie: a
 * few small records that the content script's worker and the options page read whole, and no schema bump of
 * the database for them). A record that no longer parses is left out when read, never guessed at.
 */
export const MAPPINGS_KEY = 'mappings';

export function readMappings(stored: unknown): Mapping[] {
  return Array.isArray(stored) ? stored.flatMap((raw) => migrateMapping(raw) ?? []) : [];
}

export async function loadMappings(): Promise<Mapping[]> {
  const stored = await browser.storage.local.get(MAPPINGS_KEY);
  return readMappings(stored[MAPPINGS_KEY]);
}

async function saveAll(mappings: readonly Mapping[]): Promise<void> {
  await browser.storage.local.set({ [MAPPINGS_KEY]: mappings });
}

/** Adds the mapping, or replaces the one of the same id. */
export async function saveMapping(mapping: Mapping): Promise<void> {
  await saveAll(mergeMappings(await loadMappings(), [mapping]));
}

/** Deletes a mapping and returns it as it was (null when there was none), so that it can be put back. */
export async function deleteMapping(id: string): Promise<Mapping | null> {
  const mappings = await loadMappings();
  await saveAll(mappings.filter((m) => m.id !== id));
  return mappings.find((m) => m.id === id) ?? null;
}

/** Imported mappings (a backup, a mapping file) merged into the stored ones; returns how many were imported. */
export async function importMappings(imported: readonly Mapping[]): Promise<number> {
  await saveAll(mergeMappings(await loadMappings(), imported));
  return new Set(imported.map((m) => m.id)).size;
}
