import { browser } from 'wxt/browser';
import { handleMessage } from '@/lib/background/handler';
import { ensureMaintenanceAlarm, onAlarm } from '@/lib/background/maintenance';
import { getDb } from '@/lib/store/db';
import { loadSettings } from '@/lib/store/settings';

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
        openOptions: () => browser.runtime.openOptionsPage(),
      }),
    );
    browser.alarms.onAlarm.addListener((alarm) => {
      void onAlarm(alarm, { db: getDb(), now: () => Date.now(), loadSettings });
    });
    // Alarms survive worker restarts but not every browser update or reinstall: re-ensure on each start.
    browser.runtime.onInstalled.addListener(() => void ensureMaintenanceAlarm());
    browser.runtime.onStartup.addListener(() => void ensureMaintenanceAlarm());
    void ensureMaintenanceAlarm();
  },
});
