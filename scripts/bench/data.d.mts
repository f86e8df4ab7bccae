import type { Snapshot } from '../../lib/model';

export function rng(seed: number): () => number;
export function itemRng(seed: number, index: number): () => number;
export const HISTORY_ACCOUNTS: readonly {
  platform: 'meta' | 'google' | 'tiktok';
  accountId: string;
  accountName: string;
  currency: string;
}[];
export function campaignName(r: () => number, index: number): string;
export function entityIdOf(platform: string, account: number, index: number): string;
export function dayMetrics(r: () => number): Snapshot['metrics'];
export function historyEndDay(now?: number): number;
export function historySnapshots(options: {
  campaigns: number;
  days: number;
  endDay: number;
  seed: number;
  limit?: number;
}): Generator<Omit<Snapshot, 'id'>>;
export function historyEntities(campaigns: number): [string, string, string, string][];
export function historyTargets(campaigns: number): unknown[];
export function backupParts(options: {
  campaigns: number;
  days: number;
  endDay: number;
  seed: number;
}): Generator<string>;
