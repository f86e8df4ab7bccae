import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { MAINTENANCE_ALARM } from '@/lib/background/maintenance';
import { loadStatus } from '@/lib/store/status';

beforeEach(() => fakeBrowser.reset());

describe('background entrypoint', () => {
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
      error: 'Rejected message: sender is not this extension.',
    });
  });
});
