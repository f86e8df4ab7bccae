import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import {
  deleteMapping,
  importMappings,
  loadMappings,
  MAPPINGS_KEY,
  readMappings,
  saveMapping,
} from '@/lib/mapping/store';
import { MAPPED_METRICS, migrateMapping, type Mapping } from '@/lib/mapping/schema';
import { BASE_METRICS, metricsSchema } from '@/lib/model';

const v1 = migrateMapping(
  JSON.parse(readFileSync(join(import.meta.dirname, 'examples', 'mapping-v1.json'), 'utf8')),
)!;
const other: Mapping = { ...v1, id: 'map-other', pathPattern: '/other/*', label: 'Other' };

beforeEach(() => fakeBrowser.reset());

describe('mapped metrics', () => {
  it('are every stored metric: the base metrics first, then the shown ones', () => {
    expect(MAPPED_METRICS.slice(0, BASE_METRICS.length)).toEqual([...BASE_METRICS]);
    expect([...MAPPED_METRICS].sort()).toEqual(Object.keys(metricsSchema.shape).sort());
  });
});

describe('mapping store', () => {
  it('reads nothing from an empty or foreign value', async () => {
    expect(await loadMappings()).toEqual([]);
    expect(readMappings({ not: 'a list' })).toEqual([]);
    expect(readMappings(undefined)).toEqual([]);
  });

  it('drops the stored records that do not parse, keeping the others', async () => {
    const damaged = { ...v1, id: 'damaged', columns: [] };
    const future = { ...v1, id: 'future', version: 99 };
    await browser.storage.local.set({ [MAPPINGS_KEY]: [v1, damaged, 'text', null, future, other] });
    expect((await loadMappings()).map((m) => m.id)).toEqual([v1.id, other.id]);
  });

  it('saves a new mapping, replaces one of the same id, deletes by id', async () => {
    await saveMapping(v1);
    await saveMapping(other);
    await saveMapping({ ...v1, label: 'Renamed' });
    expect((await loadMappings()).map((m) => [m.id, m.label])).toEqual([
      [other.id, 'Other'],
      [v1.id, 'Renamed'],
    ]);
    expect(await deleteMapping(other.id)).toEqual(other);
    expect((await loadMappings()).map((m) => m.id)).toEqual([v1.id]);
    expect(await deleteMapping('none')).toBeNull();
  });

  it('imports by merging: imported records win by id, the last of a repeated id wins', async () => {
    await saveMapping(v1);
    await saveMapping(other);
    const count = await importMappings([
      { ...other, label: 'First' },
      { ...other, label: 'Imported' },
    ]);
    expect(count).toBe(1);
    expect((await loadMappings()).map((m) => [m.id, m.label])).toEqual([
      [v1.id, v1.label],
      [other.id, 'Imported'],
    ]);
  });
});
