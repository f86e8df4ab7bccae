import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { catalogSubset, keysOutsideSubset } from './lib/content/catalog-subset';
import { PLATFORM_PAGES } from './lib/platforms/registry';

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

const PLATFORM_PAGES_MODULE = 'virtual:kpi-lens-platform-pages';

/**
 * `import pages from 'virtual:kpi-lens-platform-pages'`: each adapter's id and match patterns as plain data, so
 * the background can tell which platform a sender's tab is without bundling the adapters' page readers.
 */
function platformPages(): Plugin {
  const resolved = `\0${PLATFORM_PAGES_MODULE}`;
  return {
    name: 'kpi-lens-platform-pages',
    resolveId: (id) => (id === PLATFORM_PAGES_MODULE ? resolved : null),
    load: (id) => (id === resolved ? `export default ${JSON.stringify(PLATFORM_PAGES)};` : null),
  };
}

// Firefox (`npm run build:firefox`, MV2): the add-on's id and its data-collection declaration, and a React DOM
// without its one string-to-HTML path. Kept apart from the shared manifest so each target's additions stay visible.
const FIREFOX_GECKO = {
  // Firefox derives storage and the extension's identity from this id; AMO signing needs it.
  id: 'kpi-lens@kpi-lens',
  // `data_collection_permissions` exists from Firefox 140 (desktop) and 142 (Android); older versions refuse it.
  strict_min_version: '140.0',
  // Nothing the add-on reads or stores leaves the browser: it makes no network request at all.
  data_collection_permissions: { required: ['none'] },
};
// Firefox for Android reads its own minimum; the key arrived there in 142.
const FIREFOX_ANDROID_GECKO = { strict_min_version: '142.0' };

/**
 * React DOM assigns `innerHTML` in exactly one feature, `dangerouslySetInnerHTML`, which KPI Lens never uses
 * (page text reaches the UI only as text). addons-linter rightly flags those assignments, so the Firefox build
 * replaces them with a throw: a future use fails loudly in every test instead of shipping. If React changes the
 * shape of that code the build fails, so the replacement cannot silently stop applying.
 */
function reactWithoutHtmlStrings(): Plugin {
  const ASSIGNMENT = '(domElement.innerHTML = key)';
  const EXPECTED = 2;
  return {
    name: 'kpi-lens-react-without-html-strings',
    transform(code, id) {
      if (!/react-dom[\\/]cjs[\\/]react-dom-client\.production\.js$/.test(id)) return null;
      const found = code.split(ASSIGNMENT).length - 1;
      if (found !== EXPECTED)
        this.error(
          `React DOM has ${found} \`${ASSIGNMENT}\`, expected ${EXPECTED}: review reactWithoutHtmlStrings.`,
        );
      const refusal = '(() => { throw Error("KPI Lens: dangerouslySetInnerHTML is not supported"); })()';
      return { code: code.replaceAll(ASSIGNMENT, refusal), map: null };
    },
  };
}

// The manifest is the extension's permission surface: keep it minimal and explicit.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  outDir: '.output',
  vite: (env) => ({
    // Terser packs each part ~4 % tighter than esbuild's minifier: what keeps the worker inside its budget
    // (`npm run bench` row 7) with Dexie and zod, which are most of it.
    build: { minify: 'terser' },
    plugins: [
      contentCatalogs(),
      platformPages(),
      ...(env.browser === 'firefox' ? [reactWithoutHtmlStrings()] : []),
    ],
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // `scripting` (Chrome only): puts the content script back into the ad-manager tabs that were open across an
    // install or update (lib/background/reinject.ts). Firefox does that by itself.
    permissions: ['storage', 'alarms', 'notifications', ...(browser === 'firefox' ? [] : ['scripting'])],
    // "Read a table on this site" (#15): one https origin at a time, asked for at run time on the user's click
    // and revocable from the options page; nothing is granted at install. (WXT moves it into
    // `optional_permissions` for Firefox's MV2.)
    optional_host_permissions: ['https://*/*'],
    action: { default_title: 'KPI Lens' },
  }),
  hooks: {
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.browser === 'firefox') {
        manifest.browser_specific_settings = { gecko: FIREFOX_GECKO, gecko_android: FIREFOX_ANDROID_GECKO };
        // MV2 has no `optional_host_permissions` (WXT drops the key): the same origins are optional permissions.
        manifest.optional_permissions = [...(manifest.optional_permissions ?? []), 'https://*/*'];
      }
      // Chrome: putting the content script back into open tabs (see `scripting` above) needs host access to
      // them; exactly the pages the content script already runs on, so the install prompt asks for nothing new.
      else
        manifest.host_permissions = [...new Set(manifest.content_scripts?.flatMap((cs) => cs.matches ?? []))];
    },
  },
  zip: {
    excludeSources: ['test-results/**', 'bench/**', 'demo-output/**', '.output/**', 'coverage/**'],
  },
});
