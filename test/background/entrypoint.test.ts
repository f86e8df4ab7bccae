import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { MAINTENANCE_ALARM } from '@/lib/background/maintenance';

beforeEach(() => fakeBrowser.reset());

describe('background entrypoint', () => {
  it('registers its listeners and the maintenance alarm on start', async () => {
    background.main();
    expect(fakeBrowser.runtime.onMessage.hasListeners()).toBe(true);
    expect(fakeBrowser.alarms.onAlarm.hasListeners()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await fakeBrowser.alarms.get(MAINTENANCE_ALARM))?.name).toBe(MAINTENANCE_ALARM);
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
