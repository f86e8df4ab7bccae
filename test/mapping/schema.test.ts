import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MAPPING_VERSION,
  mappingForUrl,
  mappingMatches,
  mappingSchema,
  migrateMapping,
  originPermissionPattern,
  type Mapping,
} from '@/lib/mapping/schema';

const EXAMPLES = join(import.meta.dirname, 'examples');
const example = (version: number): unknown =>
  JSON.parse(readFileSync(join(EXAMPLES, `mapping-v${version}.json`), 'utf8'));

describe('mapping records', () => {
  it('has a stored example of every version, each read as the current version', () => {
    for (let version = 1; version <= MAPPING_VERSION; version++) {
      const migrated = migrateMapping(example(version));
      expect(migrated?.version).toBe(MAPPING_VERSION);
      expect(migrated?.origin).toBe('https://tracker.example.net');
    }
  });

  it('refuses what is not a mapping, a future version and inconsistent columns', () => {
    const v1 = example(1) as Mapping;
    expect(migrateMapping(null)).toBeNull();
    expect(migrateMapping({ ...v1, version: MAPPING_VERSION + 1 })).toBeNull();
    expect(migrateMapping({ ...v1, version: 0 })).toBeNull();
    const twoNames = [...v1.columns, { header: 'Other', use: 'name' }];
    expect(migrateMapping({ ...v1, columns: twoNames })).toBeNull();
    const noMetric = v1.columns.filter((c) => c.use === 'name');
    expect(migrateMapping({ ...v1, columns: noMetric })).toBeNull();
    const sameHeader = [...v1.columns, { header: 'Cost', use: 'budget' }];
    expect(migrateMapping({ ...v1, columns: sameHeader })).toBeNull();
    expect(mappingSchema.safeParse({ ...v1, origin: 'http://tracker.example.net' }).success).toBe(false);
    expect(mappingSchema.safeParse({ ...v1, origin: 'https://tracker.example.net/path' }).success).toBe(
      false,
    );
  });

  it('matches its origin and path pattern only, the most specific pattern first', () => {
    const v1 = migrateMapping(example(1))!;
    expect(mappingMatches(v1, new URL('https://tracker.example.net/reports/campaigns?x=1'))).toBe(true);
    expect(mappingMatches(v1, new URL('https://tracker.example.net/settings'))).toBe(false);
    expect(mappingMatches(v1, new URL('https://evil.example/reports/x'))).toBe(false);
    expect(mappingMatches(v1, new URL('https://tracker.example.net.evil.example/reports/x'))).toBe(false);
    const exact = { ...v1, id: 'exact', pathPattern: '/reports/campaigns' };
    const url = new URL('https://tracker.example.net/reports/campaigns');
    expect(mappingForUrl([v1, exact], url)?.id).toBe('exact');
    expect(mappingForUrl([v1, exact], new URL('https://tracker.example.net/reports/ads'))?.id).toBe(v1.id);
    expect(originPermissionPattern('https://localhost:8443')).toBe('https://localhost/*');
  });
});
