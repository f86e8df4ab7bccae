import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  catalogSubset,
  isContentKey,
  keysOutsideSubset,
  SHARED_FORM_KEYS,
} from '@/lib/content/catalog-subset';
import { formatMessage, type Catalog } from '@/lib/i18n';
import en from '@/public/_locales/en/messages.json';
import uk from '@/public/_locales/uk/messages.json';
import vi from '@/public/_locales/vi/messages.json';

const CATALOGS: Record<string, Catalog> = { en, vi, uk };

/** Every source file the content script could reach (its own folders and the lib/ code the overlay uses). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sources(path);
    return /\.tsx?$/.test(d.name) && !d.name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('the content script’s messages', () => {
  it('keep the overlay’s and the shared keys, with their placeholders, and drop the translators’ notes', () => {
    const subset = catalogSubset(en);
    const keys = Object.keys(subset);
    expect(keys.length).toBeGreaterThan(50);
    expect(
      keys.every((k) => k.startsWith('overlay_') || k.startsWith('common_') || SHARED_FORM_KEYS.has(k)),
    ).toBe(true);
    expect(keys).toContain('overlay_hide_on');
    expect(keys).toContain('common_status_off_track');
    expect(keys).not.toContain('popup_scope_everything');
    expect(JSON.stringify(subset)).not.toContain('"description"');
    expect(JSON.stringify(subset)).not.toContain('"example"');
    // The same text as the full catalogue, placeholders included.
    for (const [language, catalog] of Object.entries(CATALOGS)) {
      const cut = catalogSubset(catalog);
      for (const key of keys)
        expect(formatMessage(cut[key]!, ['A', 'B']), `${language} ${key}`).toBe(
          formatMessage(catalog[key]!, ['A', 'B']),
        );
    }
  });

  it('are much smaller than the whole catalogues', () => {
    const whole = JSON.stringify(CATALOGS).length;
    const cut = JSON.stringify(Object.values(CATALOGS).map((c) => catalogSubset(c))).length;
    // The overlay's texts (chips, panel, currency question, target editor, and the risk flags and
    // comparisons the panel shares with the popup) are a little under half of all.
    expect(cut).toBeLessThan(whole * 0.5);
  });

  it('a built script using a key outside the subset is caught; keys inside, other words and values are not', () => {
    const code = `t("overlay_hide_on");t('common_status_at_risk');x=\`popup_scope_everything\`;y="hello";z="popup"`;
    expect(keysOutsideSubset(code, Object.keys(en))).toEqual(['popup_scope_everything']);
    expect(keysOutsideSubset('t("overlay_hide_on")', Object.keys(en))).toEqual([]);
  });

  it('every key literal in the overlay’s sources is one the content script carries', () => {
    const files = [
      ...sources('components/overlay'),
      ...sources('lib/overlay'),
      ...sources('lib/content'),
      ...sources('entrypoints/ads.content'),
      'lib/ui/display.ts',
    ];
    const used = new Set<string>();
    for (const file of files)
      for (const m of readFileSync(file, 'utf8').matchAll(/['"`]((?:overlay|common)_[a-z0-9_]+)['"`]/g))
        used.add(m[1]!);
    expect(used.size).toBeGreaterThan(30);
    for (const key of used) {
      expect(isContentKey(key), key).toBe(true);
      for (const [language, catalog] of Object.entries(CATALOGS))
        expect(catalogSubset(catalog)[key], `${language} ${key}`).toBeDefined();
    }
  });
});
