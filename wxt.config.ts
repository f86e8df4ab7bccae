import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { catalogSubset, keysOutsideSubset } from './lib/content/catalog-subset';

const LOCALES_DIR = fileURLToPath(new URL('./public/_locales', import.meta.url));
const CONTENT_CATALOGS = 'virtual:kpi-lens-content-catalogs';

/**
 * `import catalogs from 'virtual:kpi-lens-content-catalogs'`: every UI language's messages, cut down to the
 * content script's own keys (lib/content/catalog-subset.ts), so the script does not carry the popup's and
 * the options' texts. A built chunk that uses a key outside that subset fails the build.
 */
function contentCatalogs(): Plugin {
  const resolved = `\0${CONTENT_CATALOGS}`;
  const files = () =>
    readdirSync(LOCALES_DIR)
      .sort()
      .map((language) => ({ language, path: join(LOCALES_DIR, language, 'messages.json') }));
  const read = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
  return {
    name: 'kpi-lens-content-catalogs',
    resolveId: (id) => (id === CONTENT_CATALOGS ? resolved : null),
    load(id) {
      if (id !== resolved) return null;
      const catalogs: Record<string, unknown> = {};
      for (const { language, path } of files()) {
        this.addWatchFile(path);
        catalogs[language] = catalogSubset(read(path));
      }
      return `export default ${JSON.stringify(catalogs)};`;
    },
    renderChunk(code, chunk) {
      if (!chunk.moduleIds.includes(resolved)) return null;
      const english = files().find((f) => f.language === 'en');
      const outside = english ? keysOutsideSubset(code, Object.keys(read(english.path))) : [];
      if (outside.length > 0)
        this.error(
          `${chunk.fileName} uses messages it does not carry: ${outside.join(', ')} (see lib/content/catalog-subset.ts).`,
        );
      return null;
    },
  };
}

// The manifest is the extension's permission surface: keep it minimal and explicit.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  outDir: '.output',
  vite: () => ({ plugins: [contentCatalogs()] }),
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'notifications'],
    action: { default_title: 'KPI Lens' },
  },
  zip: {
    excludeSources: ['test-results/**', 'bench/**', 'demo-output/**', '.output/**', 'coverage/**'],
  },
});
