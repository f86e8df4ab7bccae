import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import { handleMessage } from '@/lib/background/handler';
import { ensureMaintenanceAlarm, onAlarm } from '@/lib/background/maintenance';
import { needsReinjection, reinjectIntoOpenTabs } from '@/lib/background/reinject';
import type { TablePickerDeps } from '@/lib/background/table-picker';
import {
  grantedMappingFor,
  mappedReaderScript,
  MAPPED_READER_ID,
  MAPPED_READER_SCRIPT,
  syncMappedReader,
  type MappedReaderDeps,
} from '@/lib/background/mapped-reader';
import { loadMappings, MAPPINGS_KEY } from '@/lib/mapping/store';
import { platformOfPage } from '@/lib/platforms/hosts';
import { getDb } from '@/lib/store/db';
import { loadSettings } from '@/lib/store/settings';
import PLATFORM_PAGES from 'virtual:kpi-lens-platform-pages';

export default defineBackground({
  type: 'module',
  main() {
    // Listeners are registered synchronously at start so an event that wakes the worker is never missed.
    browser.runtime.onMessage.addListener((message, sender) =>
      handleMessage(message, sender, {
        db: getDb(),
        extensionId: browser.runtime.id,
        extensionBaseUrl: browser.runtime.getURL('/'),
        now: () => Date.now(),
        platformForUrl: (url) => platformOfPage(PLATFORM_PAGES, url),
        isPreview: (platform) => PLATFORM_PAGES.some((p) => p.id === platform && p.preview === true),
        openOptions: () => browser.runtime.openOptionsPage(),
        tablePicker: TABLE_PICKER_DEPS,
        mapped: MAPPED_PAGES,
      }),
    );
    // The mapped-table reader runs on exactly the mapped sites the user allows: re-synced whenever either changes.
    browser.storage.onChanged.addListener((changes, area) => {
      if (area === 'local' && MAPPINGS_KEY in changes) void syncReader();
    });
    browser.permissions.onAdded.addListener(() => void syncReader());
    browser.permissions.onRemoved.addListener(() => void syncReader());
    browser.alarms.onAlarm.addListener((alarm) => {
      void onAlarm(alarm, { db: getDb(), now: () => Date.now(), loadSettings });
    });
    // Alarms survive worker restarts but not every browser update or reinstall: re-ensure on each start.
    browser.runtime.onInstalled.addListener(({ reason }) => {
      void ensureMaintenanceAlarm();
      // Chrome only: Firefox already injects the manifest's content scripts into open tabs on install/update.
      if (!import.meta.env.FIREFOX && needsReinjection(reason)) void reinjectOpenTabs();
    });
    browser.runtime.onStartup.addListener(() => void ensureMaintenanceAlarm());
    void ensureMaintenanceAlarm();
    void syncReader();
  },
});

/** What the table picker (#15) needs of the browser: the tab's URL, the user's grant, injecting a file. */
const TABLE_PICKER_DEPS: TablePickerDeps = {
  tabUrl: async (tabId) => (await browser.tabs.get(tabId)).url,
  hasOriginPermission: (pattern) => browser.permissions.contains({ origins: [pattern] }),
  platformForUrl: (url) => platformOfPage(PLATFORM_PAGES, url),
  // Chrome (MV3) has `scripting`; Firefox's MV2 injects with `tabs.executeScript` under the granted origin.
  inject: async (tabId, file) => {
    if (import.meta.env.FIREFOX) await browser.tabs.executeScript(tabId, { file });
    else await browser.scripting.executeScript({ target: { tabId }, files: [file as ScriptPublicPath] });
  },
};

const grantedOrigins = async () => (await browser.permissions.getAll()).origins ?? [];

let syncing: Promise<void> = Promise.resolve();

/**
 * The mapped-table reader's registration (lib/background/mapped-reader.ts), one sync at a time: a save, its
 * storage change and a grant arrive together, and each reads then writes.
 */
function syncReader(): Promise<void> {
  syncing = syncing.then(async () => {
    try {
      await syncMappedReader({ loadMappings, grantedOrigins, ...READER_REGISTRATION });
    } catch (error) {
      console.warn(`KPI Lens: the mapped table reader could not be registered: ${String(error)}`);
    }
  });
  return syncing;
}

type Registration = Omit<MappedReaderDeps, 'loadMappings' | 'grantedOrigins'>;

/** Chrome (MV3): `scripting.registerContentScripts`, kept by the browser across restarts. */
function chromeRegistration(): Registration {
  const script = { id: MAPPED_READER_ID, js: [MAPPED_READER_SCRIPT], runAt: 'document_idle' as const };
  return {
    registeredMatches: async () => {
      const [found] = await browser.scripting.getRegisteredContentScripts({ ids: [MAPPED_READER_ID] });
      return found ? (found.matches ?? []) : null;
    },
    register: (matches) =>
      browser.scripting.registerContentScripts([{ ...script, matches, persistAcrossSessions: true }]),
    update: (matches) => browser.scripting.updateContentScripts([{ ...script, matches }]),
    unregister: () => browser.scripting.unregisterContentScripts({ ids: [MAPPED_READER_ID] }),
  };
}

/** Firefox's MV2 `contentScripts` namespace, which WXT's (Chrome-shaped) browser types leave out. */
interface FirefoxContentScripts {
  register(options: {
    matches: string[];
    js: { file: string }[];
    runAt: 'document_idle';
  }): Promise<{ unregister(): Promise<void> }>;
}

/**
 * Firefox (MV2, no `scripting`): `contentScripts.register`, which lives as long as the (persistent) background
 * page, so every start registers it again.
 */
function firefoxRegistration(): Registration {
  const { contentScripts } = browser as unknown as { contentScripts: FirefoxContentScripts };
  let current: { matches: string[]; handle: { unregister(): Promise<void> } } | null = null;
  const register = async (matches: string[]) => {
    const handle = await contentScripts.register({
      matches,
      js: [{ file: MAPPED_READER_SCRIPT }],
      runAt: 'document_idle',
    });
    current = { matches, handle };
  };
  const unregister = async () => {
    await current?.handle.unregister();
    current = null;
  };
  return {
    registeredMatches: async () => current?.matches ?? null,
    register,
    update: async (matches) => {
      await unregister();
      await register(matches);
    },
    unregister,
  };
}

const READER_REGISTRATION = import.meta.env.FIREFOX ? firefoxRegistration() : chromeRegistration();

/** Mapped pages for the message handler: which mapping a page has, and starting its reader after a save. */
const MAPPED_PAGES = {
  mappingFor: async (url: URL) => grantedMappingFor(await loadMappings(), await grantedOrigins(), url),
  async saved(tabId: number) {
    await syncReader();
    // The page the user mapped is read at once, not only from the next visit.
    await TABLE_PICKER_DEPS.inject(tabId, MAPPED_READER_SCRIPT);
  },
};

/** The mapped sites' reader, for the tabs open on them; none when the mappings or grants cannot be read. */
async function mappedReaderForOpenTabs() {
  try {
    return [mappedReaderScript(await loadMappings(), await grantedOrigins())];
  } catch (error) {
    console.warn(`KPI Lens: could not restart reading in mapped sites' tabs: ${String(error)}`);
    return [];
  }
}

/**
 * Restarts reading in the ad-manager tabs and the mapped sites' tabs that were open before this install or update
 * (Chrome, MV3).
 */
async function reinjectOpenTabs() {
  return reinjectIntoOpenTabs({
    scripts: [...(browser.runtime.getManifest().content_scripts ?? []), ...(await mappedReaderForOpenTabs())],
    queryTabs: (patterns) => browser.tabs.query({ url: patterns }),
    // The files are the built manifest's own content scripts, so they are the extension's public paths.
    inject: (tabId, files, allFrames) =>
      browser.scripting.executeScript({ target: { tabId, allFrames }, files: files as ScriptPublicPath[] }),
    warn: (message) => console.warn(message),
  });
}
