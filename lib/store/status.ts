import * as z from '../zod';
import { browser } from 'wxt/browser';

/**
 * A small record the popup reads to say when the last reading was saved and whether saving failed.
 * Kept in `browser.storage.local` (not IndexedDB) so it can still be written when the database is full or
 * closed — exactly when it matters.
 */
export const STATUS_KEY = 'status';

export const storeErrorKindSchema = z.enum(['quota', 'closed', 'other']);
export type StoreErrorKind = z.infer<typeof storeErrorKindSchema>;

export const statusSchema = z.object({
  lastSavedAt: z.nullable(z.number()),
  /** Rows the last saved reading added (0 when its numbers had not changed). */
  lastStored: z.count(),
  lastError: z.nullable(
    z.object({ at: z.number(), kind: storeErrorKindSchema, message: z.boundedString(2000) }),
  ),
  lastMaintenanceAt: z.nullable(z.number()),
});
export type Status = z.infer<typeof statusSchema>;

export const EMPTY_STATUS: Status = {
  lastSavedAt: null,
  lastStored: 0,
  lastError: null,
  lastMaintenanceAt: null,
};

export async function loadStatus(): Promise<Status> {
  const stored = (await browser.storage.local.get(STATUS_KEY))[STATUS_KEY];
  const parsed = statusSchema.safeParse(stored);
  return parsed.success ? parsed.data : EMPTY_STATUS;
}

/** The error the user should still see: one newer than the last successful save. */
export function currentProblem(status: Status): Status['lastError'] {
  const error = status.lastError;
  if (!error) return null;
  return status.lastSavedAt === null || error.at > status.lastSavedAt ? error : null;
}

// Status updates are read-modify-write; chaining them keeps concurrent readings from undoing each other
// within one worker lifetime.
let queue: Promise<unknown> = Promise.resolve();

export function updateStatus(change: (current: Status) => Status): Promise<Status> {
  const next = queue.then(async () => {
    const updated = statusSchema.parse(change(await loadStatus()));
    await browser.storage.local.set({ [STATUS_KEY]: updated });
    return updated;
  });
  // A failed write (e.g. storage itself full) must not block later updates.
  queue = next.catch(() => undefined);
  return next;
}

export function recordSaved(at: number, stored: number): Promise<Status> {
  return updateStatus((s) => ({ ...s, lastSavedAt: at, lastStored: stored }));
}

export function recordError(at: number, kind: StoreErrorKind, message: string): Promise<Status> {
  return updateStatus((s) => ({ ...s, lastError: { at, kind, message: message.slice(0, 2000) } }));
}

export function recordMaintenance(at: number): Promise<Status> {
  return updateStatus((s) => ({ ...s, lastMaintenanceAt: at }));
}
