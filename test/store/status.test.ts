import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  EMPTY_STATUS,
  STATUS_KEY,
  currentProblem,
  loadStatus,
  recordError,
  recordMaintenance,
  recordSaved,
} from '@/lib/store/status';

beforeEach(() => fakeBrowser.reset());

describe('status record', () => {
  it('starts empty and ignores a damaged stored value', async () => {
    expect(await loadStatus()).toEqual(EMPTY_STATUS);
    await fakeBrowser.storage.local.set({ [STATUS_KEY]: { lastSavedAt: 'yesterday' } });
    expect(await loadStatus()).toEqual(EMPTY_STATUS);
  });

  it('concurrent updates do not undo each other', async () => {
    await Promise.all([recordSaved(10, 4), recordError(11, 'quota', 'full'), recordMaintenance(12)]);
    expect(await loadStatus()).toEqual({
      lastSavedAt: 10,
      lastStored: 4,
      lastError: { at: 11, kind: 'quota', message: 'full' },
      lastMaintenanceAt: 12,
    });
  });

  it('an error is current until a later save succeeds', async () => {
    await recordSaved(10, 1);
    await recordError(20, 'closed', 'closed');
    expect(currentProblem(await loadStatus())?.kind).toBe('closed');
    await recordSaved(30, 0);
    expect(currentProblem(await loadStatus())).toBeNull();
  });
});
