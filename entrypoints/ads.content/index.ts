import '@/components/overlay/panel.css';
import { startContentScript } from './start';
import { adapterForUrl, CONTENT_MATCHES } from '@/lib/platforms/registry';

export default defineContentScript({
  matches: CONTENT_MATCHES,
  runAt: 'document_idle',
  // The CSS imported above goes into the panel's shadow root only, never into the ad manager's page.
  cssInjectionMode: 'ui',
  main(ctx) {
    const adapter = adapterForUrl(new URL(location.href));
    if (adapter) startContentScript(ctx, adapter);
  },
});
