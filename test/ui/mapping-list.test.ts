import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COLUMN_USES, migrateMapping, type Mapping } from '@/lib/mapping/schema';
import { COLUMN_USE_KEYS, mappedSites, sitesAllowedByUser } from '@/lib/ui/mapping-list';

const v1 = migrateMapping(
  JSON.parse(readFileSync(join(import.meta.dirname, '../mapping/examples/mapping-v1.json'), 'utf8')),
)!;
const sameSite: Mapping = { ...v1, id: 'second', pathPattern: '/second' };
const local: Mapping = { ...v1, id: 'local', origin: 'https://localhost:8443' };

describe('mapped sites of the options page', () => {
  it('groups mappings by permission, tells which are allowed, adds allowed sites without mappings', () => {
    const sites = mappedSites(
      [v1, local, sameSite],
      ['https://localhost/*', 'https://other.example/*', 'https://ads.google.com/*', 'https://*/*'],
      ['https://ads.google.com/aw/*', 'https://adsmanager.facebook.com/adsmanager/manage/*'],
    );
    expect(sites.map((s) => [s.origin, s.pattern, s.allowed, s.mappings.map((m) => m.id)])).toEqual([
      ['https://localhost:8443', 'https://localhost/*', true, ['local']],
      ['https://other.example', 'https://other.example/*', true, []],
      ['https://tracker.example.net', 'https://tracker.example.net/*', false, [v1.id, 'second']],
    ]);
  });

  it('revokes on "Delete all" only the single sites the user allowed, never the ad managers', () => {
    const granted = [
      'https://ads.google.com/*',
      'https://adsmanager.facebook.com/*',
      'https://reports.example/*',
      'https://*/*',
      'http://insecure.example/*',
      'https://localhost/*',
    ];
    const required = ['https://ads.google.com/aw/*', 'https://adsmanager.facebook.com/adsmanager/manage/*'];
    expect(sitesAllowedByUser(granted, required)).toEqual([
      { pattern: 'https://reports.example/*', origin: 'https://reports.example' },
      { pattern: 'https://localhost/*', origin: 'https://localhost' },
    ]);
    expect(sitesAllowedByUser(required, required)).toEqual([]);
  });

  it('names every column use', () => {
    expect(Object.keys(COLUMN_USE_KEYS).sort()).toEqual([...COLUMN_USES].sort());
  });
});
