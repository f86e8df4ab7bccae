import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLATFORMS, type TableReading } from '@/lib/model';
import { headerLabels, type ColumnConcept } from '@/lib/read/headers';
import { ADAPTERS, CONTENT_MATCHES } from '@/lib/platforms/registry';
import type { PlatformAdapter } from '@/lib/platforms/types';
import { PLATFORM_NAMES } from '@/lib/ui/display';
import {
  expectedVsReading,
  FIXTURES_DIR,
  listFixtures,
  loadFixture,
  parseDocument,
  REPO_ROOT,
} from '../helpers/fixtures';
import { attachDeclarativeShadowRoots } from '../helpers/shadow';

/**
 * A platform is an adapter module, its fixtures and one registry line (README "Adding a platform"). This test
 * holds every registered adapter to that convention, so what the rest of the extension derives from an adapter
 * (content-script matches, host permissions, the sender check, the URL matrix, the popup's and options' lists,
 * the demo's pages, the README's Supported pages table) is there for each one.
 */
const PLATFORMS_DIR = join(REPO_ROOT, 'lib', 'platforms');
const NOT_ADAPTERS = new Set(['registry.ts', 'hosts.ts', 'types.ts']);

/** The base metrics every adapter reads: each needs a header label in each declared language. */
const METRIC_GROUPS: ReadonlyArray<readonly [string, readonly ColumnConcept[]]> = [
  ['spend', ['spend']],
  ['impressions', ['impressions']],
  ['clicks', ['clicks', 'clicksAll', 'clicksLink', 'clicksDestination']],
  ['conversions', ['conversions', 'purchases', 'results', 'leads']],
];

const adapterFiles = readdirSync(PLATFORMS_DIR).filter((f) => f.endsWith('.ts') && !NOT_ADAPTERS.has(f));

describe('lib/platforms/', () => {
  it('holds one module per registered adapter, named by its id, and nothing else', () => {
    expect(adapterFiles.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(ADAPTERS.map((a) => a.id).sort());
  });

  it.each(adapterFiles)('%s exports its adapter as <id>Adapter', async (file) => {
    const id = file.replace(/\.ts$/, '');
    const module = (await import(`@/lib/platforms/${id}.ts`)) as Record<string, PlatformAdapter | undefined>;
    expect(module[`${id}Adapter`]).toBe(ADAPTERS.find((a) => a.id === id));
  });

  it('gives the content script exactly the adapters’ pages', () => {
    expect(CONTENT_MATCHES).toEqual(ADAPTERS.flatMap((a) => a.matches));
    expect(new Set(CONTENT_MATCHES).size).toBe(CONTENT_MATCHES.length);
  });
});

describe.each(ADAPTERS.map((a) => [a.id, a] as const))('the %s adapter', (id, adapter) => {
  const fixtures = listFixtures(id).map((file) => ({ file, ...loadFixture(file) }));
  const read = fixtures.filter((f) => f.expected.health !== 'not-recognised');

  it('is a platform of the data model, with its brand name and a label', () => {
    expect(PLATFORMS).toContain(id);
    expect(id).not.toBe('generic');
    expect(PLATFORM_NAMES[id as Exclude<typeof id, 'generic'>]).toBeTruthy();
    expect(adapter.label.trim()).not.toBe('');
  });

  it('declares https match patterns of whole hosts and paths, apart from every other adapter', () => {
    for (const pattern of adapter.matches) expect(pattern).toMatch(/^https:\/\/[a-z0-9.-]+\/[^*]*\*$/);
    const others = ADAPTERS.filter((a) => a !== adapter).flatMap((a) => a.matches);
    expect(adapter.matches.filter((m) => others.includes(m))).toEqual([]);
  });

  it('declares the views and languages it reads', () => {
    expect(adapter.views.length).toBeGreaterThan(0);
    expect(new Set(adapter.views.map((v) => v.level)).size).toBe(adapter.views.length);
    expect(adapter.languages.length).toBeGreaterThan(0);
  });

  it('has a fixtures folder with a README that names its sources, and URL cases', () => {
    expect(existsSync(join(FIXTURES_DIR, id, 'README.md'))).toBe(true);
    expect(existsSync(join(FIXTURES_DIR, id, 'urls.json'))).toBe(true);
  });

  it('has a fixture of every view it declares', () => {
    const levels = new Set(read.map((f) => f.expected.level));
    expect(adapter.views.filter((v) => !levels.has(v.level)).map((v) => v.name)).toEqual([]);
  });

  it('has a fixture in every language it declares', () => {
    const languages = new Set(read.map((f) => primaryLanguage(f.html)));
    expect(adapter.languages.filter((l) => !languages.has(l))).toEqual([]);
  });

  // With these two, an adapter's fixtures are checked without a test file of its own.
  it.each(fixtures.map((f) => [f.file.name, f] as const))(
    'reads fixture %s exactly as its .json says',
    (_n, f) => {
      expect(expectedVsReading(f.expected, readAsBrowser(adapter, f.html, f.expected.url))).toEqual([]);
    },
  );

  it.each(fixtures.map((f) => [f.file.name, f] as const))(
    'reads fixture %s the same without classes',
    (_n, f) => {
      const bare = readAsBrowser(adapter, withoutClasses(f.html), f.expected.url);
      expect(expectedVsReading(f.expected, bare)).toEqual([]);
    },
  );

  it('has an “unsupported page” fixture that is not recognised', () => {
    expect(fixtures.filter((f) => f.expected.health === 'not-recognised').length).toBeGreaterThan(0);
  });

  it.each(adapter.languages.map((l) => [l] as const))(
    'has header labels for every metric and view in %s',
    (lang) => {
      const labels = headerLabels(id as Exclude<typeof id, 'generic'>, lang);
      const missing = [
        ...METRIC_GROUPS.filter(([, concepts]) => !concepts.some((c) => labels[c]?.length)).map(
          ([name]) => name,
        ),
        ...adapter.views
          .filter((v) => !labels[`name:${v.level}`]?.length && !labels['name:any']?.length)
          .map((v) => `name of ${v.name}`),
      ];
      expect(missing).toEqual([]);
    },
  );
});

/** The page as Chromium holds it (declarative shadow roots attached), read with no account settings. */
function readAsBrowser(adapter: PlatformAdapter, html: string, url: string): TableReading {
  const doc = parseDocument(html, url);
  attachDeclarativeShadowRoots(doc);
  return adapter.read(doc, new URL(url), { accountCurrency: () => null });
}

/** Class attributes anywhere, inside declarative shadow roots too: adapters never depend on class names. */
function withoutClasses(html: string): string {
  return html.replace(/\sclass="[^"]*"/g, '');
}

/** The page's UI language (its `<html lang>`'s primary subtag), as the ad managers set it. */
function primaryLanguage(html: string): string | null {
  const lang = /<html[^>]*\slang="([^"]+)"/i.exec(html)?.[1];
  return lang ? lang.split('-')[0]!.toLowerCase() : null;
}
