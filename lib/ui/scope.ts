import type { Platform } from '@/lib/model';
import { PLATFORMS } from '@/lib/model';
import { adapterForUrl } from '@/lib/platforms/registry';
import type { PlatformAdapter } from '@/lib/platforms/types';

/** What the popup looks at: everything (blended), one platform, or one account. */
export type ViewScope =
  | { kind: 'all' }
  | { kind: 'platform'; platform: Platform }
  | { kind: 'account'; platform: Platform; accountId: string };

export const ALL: ViewScope = { kind: 'all' };

export function scopeKey(scope: ViewScope): string {
  switch (scope.kind) {
    case 'all':
      return 'all';
    case 'platform':
      return `platform:${scope.platform}`;
    case 'account':
      return `account:${scope.platform}:${scope.accountId}`;
  }
}

function isPlatform(value: string | undefined): value is Platform {
  return value !== undefined && (PLATFORMS as readonly string[]).includes(value);
}

export function parseScopeKey(key: string): ViewScope | null {
  if (key === 'all') return ALL;
  const [kind, platform, ...rest] = key.split(':');
  if (!isPlatform(platform)) return null;
  if (kind === 'platform' && rest.length === 0) return { kind: 'platform', platform };
  // Account ids may themselves contain ':' in generic tables; everything after the platform is the id.
  const accountId = rest.join(':');
  if (kind === 'account' && accountId) return { kind: 'account', platform, accountId };
  return null;
}

export function inScope(row: { platform: Platform; accountId: string }, scope: ViewScope): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'platform':
      return row.platform === scope.platform;
    case 'account':
      return row.platform === scope.platform && row.accountId === scope.accountId;
  }
}

/**
 * The scope of the active tab: its account when the URL names one, else its platform, else null. The
 * popup has no `tabs` permission, so the URL is often not given at all: then null, and the caller falls back.
 */
export function scopeFromTabUrl(
  url: string | undefined | null,
  adapterFor: (url: URL) => PlatformAdapter | null = adapterForUrl,
): ViewScope | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const adapter = adapterFor(parsed);
  if (!adapter) return null;
  const context = adapter.detect(parsed);
  if (context?.accountId) return { kind: 'account', platform: adapter.id, accountId: context.accountId };
  return { kind: 'platform', platform: adapter.id };
}

export interface KnownAccount {
  platform: Platform;
  accountId: string;
  accountName: string | null;
}

export interface ScopeOption {
  key: string;
  scope: ViewScope;
  /** This option is the active tab's account or platform. */
  fromTab: boolean;
  accountName: string | null;
}

/**
 * The picker's choices: the active tab's scope first (when known), then everything, each platform with
 * readings, each account. Accounts are ordered by platform, then name.
 */
export function scopeOptions(accounts: readonly KnownAccount[], tabScope: ViewScope | null): ScopeOption[] {
  const sorted = [...accounts].sort(
    (a, b) =>
      PLATFORMS.indexOf(a.platform) - PLATFORMS.indexOf(b.platform) ||
      (a.accountName ?? a.accountId).localeCompare(b.accountName ?? b.accountId),
  );
  const platforms = PLATFORMS.filter((p) => sorted.some((a) => a.platform === p));
  const out: ScopeOption[] = [];
  const tabKey = tabScope ? scopeKey(tabScope) : null;
  const nameOf = (scope: ViewScope) =>
    scope.kind === 'account'
      ? (sorted.find((a) => a.platform === scope.platform && a.accountId === scope.accountId)?.accountName ??
        null)
      : null;
  if (tabScope) out.push({ key: tabKey!, scope: tabScope, fromTab: true, accountName: nameOf(tabScope) });
  const push = (scope: ViewScope, accountName: string | null) => {
    const key = scopeKey(scope);
    if (key !== tabKey) out.push({ key, scope, fromTab: false, accountName });
  };
  push(ALL, null);
  for (const platform of platforms) push({ kind: 'platform', platform }, null);
  for (const a of sorted)
    push({ kind: 'account', platform: a.platform, accountId: a.accountId }, a.accountName);
  return out;
}

/** The scope to open with: the tab's when it has readings (or is a supported page), else everything. */
export function initialScope(tabScope: ViewScope | null): ViewScope {
  return tabScope ?? ALL;
}

/** The CSV export of what the view shows: its platform and account (all captures). */
export function csvFilterOfView(view: ViewScope): { platform?: Platform; accountId?: string } {
  if (view.kind === 'all') return {};
  if (view.kind === 'platform') return { platform: view.platform };
  return { platform: view.platform, accountId: view.accountId };
}
