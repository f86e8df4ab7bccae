import { requestSchema, type Response, type SenderInfo } from '../messages';
import { adapterForUrl } from '../platforms/registry';
import { storeReading } from '../store/snapshots';
import { listTargets } from '../store/targets';
import type { KpiLensDb } from '../store/db';

export interface HandlerDeps {
  db: KpiLensDb;
  /** This extension's id and base URL (`chrome-extension://<id>/`). */
  extensionId: string;
  extensionBaseUrl: string;
  now(): number;
  /** Opens the options page (for the overlay's button); absent where there is none (tests). */
  openOptions?(): Promise<void>;
}

/**
 * Accepts a message only when it parses and comes from where that message type may come from:
 * readings from a content script on a supported page of the same platform, everything else from the
 * extension's own pages. Returns a response object; never throws.
 */
export async function handleMessage(raw: unknown, sender: SenderInfo, deps: HandlerDeps): Promise<Response> {
  const parsed = requestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      error: `Rejected message: invalid payload at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    };
  }
  const message = parsed.data;
  if (sender.id !== deps.extensionId)
    return { ok: false, error: 'Rejected message: sender is not this extension.' };

  switch (message.type) {
    case 'snapshot:submit': {
      const tabUrl = safeUrl(sender.tab?.url ?? sender.url);
      const adapter = tabUrl ? adapterForUrl(tabUrl) : null;
      if (!sender.tab || !adapter) {
        return {
          ok: false,
          error: 'Rejected message: readings are accepted only from supported ad-manager pages.',
        };
      }
      if (adapter.id !== message.reading.context.platform) {
        return {
          ok: false,
          error: `Rejected message: a ${message.reading.context.platform} reading from a ${adapter.id} page.`,
        };
      }
      try {
        const outcome = await storeReading(deps.db, message.reading, deps.now());
        return { ok: true, type: 'snapshot:submit', ...outcome };
      } catch (error) {
        return { ok: false, error: `Could not save this reading: ${describeStoreError(error)}` };
      }
    }
    case 'ping': {
      if (!sender.url?.startsWith(deps.extensionBaseUrl) && !sender.tab) {
        return { ok: false, error: 'Rejected message: unexpected sender.' };
      }
      return { ok: true, type: 'ping' };
    }
    case 'targets:list':
    case 'options:open': {
      // From the extension's pages, or a content script on a supported ad-manager page.
      const tabUrl = safeUrl(sender.tab?.url ?? sender.url);
      const fromPage = !!sender.tab && !!tabUrl && adapterForUrl(tabUrl) !== null;
      if (!fromPage && !sender.url?.startsWith(deps.extensionBaseUrl)) {
        return { ok: false, error: 'Rejected message: unexpected sender.' };
      }
      if (message.type === 'targets:list') {
        return { ok: true, type: 'targets:list', targets: await listTargets(deps.db) };
      }
      if (!deps.openOptions) return { ok: false, error: 'The options page cannot be opened here.' };
      await deps.openOptions();
      return { ok: true, type: 'options:open' };
    }
  }
}

function safeUrl(text: string | undefined): URL | null {
  if (!text) return null;
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

export function describeStoreError(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'QuotaExceededError' || /quota/i.test(String(error)))
    return 'the browser has no storage space left for KPI Lens. Nothing already saved was lost; free disk space or lower retention in the options.';
  if (name === 'DatabaseClosedError')
    return 'the database was closed. Nothing already saved was lost; reload the page to retry.';
  return error instanceof Error ? error.message : String(error);
}
