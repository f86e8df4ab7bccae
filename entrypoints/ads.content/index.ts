import '@/components/overlay/panel.css';
import { startContentScript } from './start';
import { browser } from 'wxt/browser';
import { MAPPINGS_KEY } from '@/lib/mapping/store';
import { sendRequest } from '@/lib/messages';
import { adapterForUrl, CONTENT_MATCHES } from '@/lib/platforms/registry';

export default defineContentScript({
  matches: CONTENT_MATCHES,
  runAt: 'document_idle',
  // The CSS imported above goes into the panel's shadow root only, never into the ad manager's page.
  cssInjectionMode: 'ui',
  async main(ctx) {
    const adapter = adapterForUrl(new URL(location.href));
    if (!adapter) return;
    // A preview adapter's page the user mapped is read by the mapped-table reader instead (#15.5), also when
    // the user maps it now (from this script's panel): then this script steps aside.
    if (adapter.checkedAgainst === 'public evidence') {
      const mapped = async () => {
        const reply = await sendRequest({ type: 'mapping:for-page' }).catch(() => null);
        return reply?.ok === true && reply.mapping !== null;
      };
      if (await mapped()) return;
      const onChange = (changes: Record<string, unknown>, area: string) => {
        if (area === 'local' && MAPPINGS_KEY in changes)
          void mapped().then((yes) => yes && ctx.abort('the page was mapped'));
      };
      browser.storage.onChanged.addListener(onChange);
      ctx.onInvalidated(() => {
        try {
          browser.storage.onChanged.removeListener(onChange);
        } catch {
          // The extension is already gone (disabled or updated): nothing is listening any more.
        }
      });
    }
    startContentScript(ctx, adapter);
  },
});
