import type { StoreErrorKind } from './status';

/** Dexie wraps the browser's error (AbortError → inner QuotaExceededError; BulkError → failures). */
function causes(error: unknown, depth = 0): unknown[] {
  if (depth > 5 || error === null || typeof error !== 'object') return [error];
  const e = error as { inner?: unknown; cause?: unknown; failures?: unknown };
  const nested: unknown[] = [e.inner, e.cause];
  if (Array.isArray(e.failures)) nested.push(...e.failures);
  else if (e.failures && typeof e.failures === 'object') nested.push(...Object.values(e.failures));
  return [
    error,
    ...nested.filter((n) => n !== undefined && n !== error).flatMap((n) => causes(n, depth + 1)),
  ];
}

export function classifyStoreError(error: unknown): StoreErrorKind {
  const all = causes(error);
  const names = all.map((e) => (e && typeof e === 'object' && 'name' in e ? String(e.name) : ''));
  if (names.includes('QuotaExceededError') || all.some((e) => /quota/i.test(String(e)))) return 'quota';
  if (names.includes('DatabaseClosedError') || names.includes('InvalidStateError')) return 'closed';
  return 'other';
}

export function describeStoreError(error: unknown): string {
  switch (classifyStoreError(error)) {
    case 'quota':
      return 'the browser has no storage space left for KPI Lens. Nothing already saved was lost; free disk space or lower retention in the options.';
    case 'closed':
      return 'the database was closed. Nothing already saved was lost; reload the page to retry.';
    case 'other':
      return error instanceof Error ? error.message : String(error);
  }
}
