import { readPageContinuously } from '@/lib/content/page-reader';
import { CONTENT_MATCHES } from '@/lib/platforms/registry';

export default defineContentScript({
  matches: CONTENT_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    let run: AbortController | null = null;
    const restart = () => {
      run?.abort();
      run = new AbortController();
      void readPageContinuously(run.signal);
    };
    // Ad managers are single-page apps: a level, filter or date change is a location change.
    ctx.addEventListener(window, 'wxt:locationchange', restart);
    ctx.onInvalidated(() => run?.abort());
    restart();
  },
});
