import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { MAINTENANCE_ALARM } from '@/lib/background/maintenance';
import { loadStatus } from '@/lib/store/status';

/** The fake browser has no `permissions` events: the worker only needs to add its listeners, kept here. */
const permissionListeners: (() => void)[] = [];
beforeEach(() => {
  fakeBrowser.reset();
  permissionListeners.length = 0;
  for (const event of [fakeBrowser.permissions.onAdded, fakeBrowser.permissions.onRemoved])
    vi.spyOn(event, 'addListener').mockImplementation((listener) => {
      permissionListeners.push(listener as () => void);
    });
  vi.spyOn(fakeBrowser.permissions, 'getAll').mockResolvedValue({ origins: [], permissions: [] });
});

describe('background entrypoint', () => {
  it('registers the mapped-table reader on the mapped sites the user allows, and again when a grant goes', async () => {
    const { mappingOf } = await import('../mapping/pages');
    await fakeBrowser.storage.local.set({ mappings: [mappingOf('plain-table-en')] });
    let granted = ['https://tracker.example.net/*'];
    vi.spyOn(fakeBrowser.permissions, 'getAll').mockImplementation(async () => ({ origins: granted }));
    let registered: { id: string; matches?: string[] }[] = [];
    const scripting = {
      getRegisteredContentScripts: vi.fn(async () => registered),
      registerContentScripts: vi.fn(async (scripts: typeof registered) => {
        registered = scripts;
      }),
      updateContentScripts: vi.fn(),
      unregisterContentScripts: vi.fn(async () => {
        registered = [];
      }),
    };
    const api = fakeBrowser as unknown as { scripting?: unknown };
    api.scripting = scripting;
    try {
      background.main();
      await vi.waitFor(() => expect(scripting.registerContentScripts).toHaveBeenCalledTimes(1));
      expect(registered).toMatchObject([
        {
          id: 'kpi-lens-mapped-reader',
          js: ['/content-scripts/mapped-reader.js'],
          matches: ['https://tracker.example.net/*'],
        },
      ]);
      granted = [];
      for (const listener of permissionListeners) listener();
      await vi.waitFor(() => expect(scripting.unregisterContentScripts).toHaveBeenCalledTimes(1));
      expect(registered).toEqual([]);
    } finally {
      delete api.scripting;
    }
  });

  it('registers its listeners and the maintenance alarm on start', async () => {
    background.main();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await fakeBrowser.alarms.get(MAINTENANCE_ALARM))?.name).toBe(MAINTENANCE_ALARM);
  });

  it('runs maintenance when its alarm fires', async () => {
    background.main();
    await fakeBrowser.alarms.onAlarm.trigger({ name: MAINTENANCE_ALARM, scheduledTime: Date.now() });
    await vi.waitFor(async () => expect((await loadStatus()).lastMaintenanceAt).not.toBeNull());
  });

  it('answers through runtime messaging, refusing a sender that is not this extension', async () => {
    background.main();
    // The fake browser's sendMessage passes an empty sender: no id, so the request is refused.
    expect(await fakeBrowser.runtime.sendMessage({ type: 'ping' })).toEqual({
      ok: false,
      code: 'rejected',
      error: 'Rejected message: sender is not this extension.',
    });
  });

  it('after an update, puts the manifest content script back into the open ad-manager tabs only', async () => {
    const executeScript = vi.fn(async () => []);
    const api = fakeBrowser as unknown as { scripting?: unknown };
    api.scripting = { executeScript };
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
      manifest_version: 3,
      name: 'KPI Lens',
      version: '0.1.0',
      content_scripts: [{ matches: ['https://ads.google.com/aw/*'], js: ['content-scripts/ads.js'] }],
    });
    const query = vi
      .spyOn(fakeBrowser.tabs, 'query')
      .mockResolvedValue([
        { id: 11, index: 0, highlighted: false, active: true, pinned: false, incognito: false, windowId: 1 },
      ] as Awaited<ReturnType<typeof fakeBrowser.tabs.query>>);
    try {
      background.main();
      await fakeBrowser.runtime.onInstalled.trigger({ reason: 'browser_update', temporary: false });
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(executeScript).not.toHaveBeenCalled();
      await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', temporary: false });
      await vi.waitFor(() => expect(executeScript).toHaveBeenCalledTimes(1));
      expect(query).toHaveBeenCalledWith({ url: ['https://ads.google.com/aw/*'] });
      expect(executeScript).toHaveBeenCalledWith({
        target: { tabId: 11, allFrames: false },
        files: ['content-scripts/ads.js'],
      });
    } finally {
      delete api.scripting;
      vi.restoreAllMocks();
    }
  });
});
