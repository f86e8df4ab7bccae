import { browser } from 'wxt/browser';
import { handleMessage } from '@/lib/background/handler';
import { getDb } from '@/lib/store/db';

export default defineBackground({
  type: 'module',
  main() {
    // Listeners are registered synchronously at start so a message that wakes the worker is never missed.
    browser.runtime.onMessage.addListener((message, sender) =>
      handleMessage(message, sender, {
        db: getDb(),
        extensionId: browser.runtime.id,
        extensionBaseUrl: browser.runtime.getURL('/'),
        now: () => Date.now(),
        openOptions: () => browser.runtime.openOptionsPage(),
      }),
    );
  },
});
