import { describe, expect, it } from 'vitest';
import {
  grantedMappingFor,
  MAPPED_READER_SCRIPT,
  mappedReaderScript,
  readerMatches,
  syncMappedReader,
  type MappedReaderDeps,
} from '@/lib/background/mapped-reader';
import { reinjectIntoOpenTabs } from '@/lib/background/reinject';
import type { Mapping } from '@/lib/mapping/schema';
import { mappingOf } from '../mapping/pages';

const plain = mappingOf('plain-table-en');
const grid = mappingOf('div-grid-uk');
const ads: Mapping = { ...plain, id: 'map-ads', pathPattern: '/ads' };

function fake(mappings: Mapping[], granted: string[], registered: string[] | null) {
  const calls: string[] = [];
  let current = registered;
  const deps: MappedReaderDeps = {
    loadMappings: async () => mappings,
    grantedOrigins: async () => granted,
    registeredMatches: async () => current,
    register: async (m) => {
      calls.push(`register ${m.join(' ')}`);
      current = m;
    },
    update: async (m) => {
      calls.push(`update ${m.join(' ')}`);
      current = m;
    },
    unregister: async () => {
      calls.push('unregister');
      current = null;
    },
  };
  return { deps, calls };
}

describe('where the mapped-table reader runs', () => {
  it('on each mapped site the user allows, once, and nowhere else', () => {
    expect(
      readerMatches([plain, ads, grid], ['https://tracker.example.net/*', 'https://other.example/*']),
    ).toEqual(['https://tracker.example.net/*']);
    expect(readerMatches([plain], [])).toEqual([]);
  });

  it('after an update, is put back into the open tabs of the allowed mapped sites only', async () => {
    const script = mappedReaderScript([plain, grid], ['https://tracker.example.net/*']);
    expect(script).toEqual({ matches: ['https://tracker.example.net/*'], js: [MAPPED_READER_SCRIPT] });
    const injected: string[] = [];
    const report = await reinjectIntoOpenTabs({
      scripts: [script, mappedReaderScript([plain], [])],
      queryTabs: async (patterns) =>
        patterns.includes('https://tracker.example.net/*')
          ? [{ id: 7, url: 'https://tracker.example.net/r' }]
          : [],
      inject: async (tabId, files) => injected.push(`${tabId} ${files.join(' ')}`),
      warn: () => undefined,
    });
    expect(injected).toEqual([`7 ${MAPPED_READER_SCRIPT}`]);
    expect(report).toEqual({ injected: 1, failed: 0 });
  });

  it('the mapping of a page only while its site is allowed, the most specific pattern first', () => {
    const granted = ['https://tracker.example.net/*'];
    expect(grantedMappingFor([plain, ads], granted, new URL('https://tracker.example.net/ads?x=1'))).toBe(
      ads,
    );
    expect(grantedMappingFor([plain, ads], granted, new URL('https://tracker.example.net/reports/x'))).toBe(
      plain,
    );
    expect(grantedMappingFor([plain], [], new URL('https://tracker.example.net/reports/x'))).toBeNull();
    expect(grantedMappingFor([plain], granted, new URL('https://tracker.example.net/other'))).toBeNull();
  });

  it('registers, updates and unregisters to match, and leaves a matching registration alone', async () => {
    const site = 'https://tracker.example.net/*';
    const first = fake([plain], [site], null);
    expect(await syncMappedReader(first.deps)).toEqual([site]);
    expect(first.calls).toEqual([`register ${site}`]);

    const same = fake([plain, ads], [site], [site]);
    await syncMappedReader(same.deps);
    expect(same.calls).toEqual([]);

    const more = fake([plain, grid], [site, 'https://partners.example.org/*'], [site]);
    await syncMappedReader(more.deps);
    expect(more.calls).toEqual([`update https://partners.example.org/* ${site}`]);

    const revoked = fake([plain], [], [site]);
    expect(await syncMappedReader(revoked.deps)).toEqual([]);
    expect(revoked.calls).toEqual(['unregister']);

    const nothing = fake([], [], null);
    await syncMappedReader(nothing.deps);
    expect(nothing.calls).toEqual([]);
  });
});
