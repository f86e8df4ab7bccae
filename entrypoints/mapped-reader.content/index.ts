import panelCss from '@/components/overlay/panel.css?inline';
import { mappedAdapter } from '@/lib/mapping/read';
import { sendRequest } from '@/lib/messages';
import { startContentScript } from '../ads.content/start';

/** Set on the page's window once a reader runs, so that the worker's injection after a save never starts a second. */
const RUNNING_FLAG = '__kpiLensMappedReader';

/**
 * The reader of a table the user mapped (#15.4), on a site they allowed: registered at run time by the worker
 * for exactly those sites (lib/background/mapped-reader.ts), never in the manifest. It asks the worker for its
 * page's mapping and reads the table with the same loop, chips and panel as an ad manager's
 * (entrypoints/ads.content/start.ts), the mapping standing in for the adapter.
 */
export default defineContentScript({
  registration: 'runtime',
  // Its styles travel inside the script: a CSS file would have to be web-accessible to every site.
  cssInjectionMode: 'manual',
  async main(ctx) {
    const flags = window as unknown as Record<string, boolean | undefined>;
    if (flags[RUNNING_FLAG]) return;
    flags[RUNNING_FLAG] = true;
    const reply = await sendRequest({ type: 'mapping:for-page' });
    if (!reply.ok || !reply.mapping || ctx.isInvalid) {
      flags[RUNNING_FLAG] = false;
      return;
    }
    startContentScript(ctx, mappedAdapter(reply.mapping), panelCss);
  },
});
