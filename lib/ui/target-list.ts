import type { Target } from '@/lib/kpi/targets';
import type { Level, Platform } from '@/lib/model';
import type { ScopeKind, StatusCounts } from './target-form';

/**
 * The options page's target list as a tool: targets grouped by where they apply (most specific first, the
 * order in which they override each other), each group with the sum of its targets' live counts, and the
 * entity picker's choices and search. Counts come from `liveCounts` (the one judge); nothing is judged here.
 */

/** Most specific first: an entity's target overrides its account's, which overrides the platform's, … */
export const SCOPE_GROUP_ORDER: readonly ScopeKind[] = ['campaign', 'account', 'platform', 'all'];

export interface TargetGroup {
  kind: ScopeKind;
  /** In the user's order (the order that breaks ties between targets of one scope). */
  targets: Target[];
  /** The sum of the group's targets' counts: how many judgements are on track, at risk, … */
  counts: StatusCounts;
}

export function emptyCounts(): StatusCounts {
  return { 'on-track': 0, 'at-risk': 0, 'off-track': 0, unknown: 0, total: 0 };
}

export function sumCounts(all: readonly StatusCounts[]): StatusCounts {
  const sum = emptyCounts();
  for (const c of all) {
    sum['on-track'] += c['on-track'];
    sum['at-risk'] += c['at-risk'];
    sum['off-track'] += c['off-track'];
    sum.unknown += c.unknown;
    sum.total += c.total;
  }
  return sum;
}

/** The non-empty groups, most specific first; a target whose counts are missing counts as none. */
export function groupTargets(
  targets: readonly Target[],
  countsOf: (target: Target) => StatusCounts | undefined,
): TargetGroup[] {
  return SCOPE_GROUP_ORDER.flatMap((kind) => {
    const members = targets.filter((t) => t.scope.kind === kind);
    if (members.length === 0) return [];
    return [{ kind, targets: members, counts: sumCounts(members.map((t) => countsOf(t) ?? emptyCounts())) }];
  });
}

/** One campaign, ad set, ad or keyword a target can be set for, named as the page showed it. */
export interface EntityChoice {
  platform: Platform;
  accountId: string;
  accountName: string | null;
  entityKey: string;
  /** The platform's id, when known (searchable, e.g. pasted from the ad manager). */
  entityId: string | null;
  level: Exclude<Level, 'account'>;
  name: string;
}

export function entityChoiceKey(c: Pick<EntityChoice, 'platform' | 'accountId' | 'entityKey'>): string {
  return `${c.platform}\u0000${c.accountId}\u0000${c.entityKey}`;
}

interface AccountLike {
  platform: Platform;
  accountId: string;
  accountName: string | null;
  campaigns: Readonly<Record<string, { name: string | null }>>;
}

interface RowLike {
  platform: Platform;
  accountId: string;
  accountName: string | null;
  level: Level;
  entityKey: string;
  entityId: string | null;
  entityName: string | null;
}

/**
 * Every entity the user has seen: the current readings (newest first, any level below the account) and
 * the campaigns the account rows remember from older readings. A name the page showed wins over an id;
 * the newest reading's name wins over an older one.
 */
export function entityChoices(accounts: readonly AccountLike[], latest: readonly RowLike[]): EntityChoice[] {
  const byKey = new Map<string, EntityChoice>();
  const named = new Set<string>();
  const accountNames = new Map(accounts.map((a) => [`${a.platform}\u0000${a.accountId}`, a.accountName]));
  for (const r of latest) {
    if (r.level === 'account') continue;
    const key = entityChoiceKey(r);
    if (named.has(key) || (byKey.has(key) && !r.entityName)) continue;
    if (r.entityName) named.add(key);
    byKey.set(key, {
      platform: r.platform,
      accountId: r.accountId,
      accountName: r.accountName ?? accountNames.get(`${r.platform}\u0000${r.accountId}`) ?? null,
      entityKey: r.entityKey,
      entityId: r.entityId,
      level: r.level,
      name: r.entityName ?? r.entityId ?? r.entityKey,
    });
  }
  for (const a of accounts) {
    for (const [entityKey, seen] of Object.entries(a.campaigns)) {
      const key = entityChoiceKey({ ...a, entityKey });
      if (byKey.has(key)) continue;
      byKey.set(key, {
        platform: a.platform,
        accountId: a.accountId,
        accountName: a.accountName,
        entityKey,
        entityId: null,
        level: 'campaign',
        name: seen.name ?? entityKey,
      });
    }
  }
  return [...byKey.values()].sort(
    (x, y) => x.name.localeCompare(y.name) || (entityChoiceKey(x) < entityChoiceKey(y) ? -1 : 1),
  );
}

/**
 * Text as it is compared when searching: lower case, accents dropped (`Khuyến mãi` is found by typing
 * `khuyen mai`, as people type Vietnamese without its marks), `đ` as `d`, spaces collapsed.
 */
export function searchText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLocaleLowerCase('en')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The choices that match every word of `query` (in the name, the account's name or id, or the entity's
 * id), best first: names that start with the query, then names with a word that does, then the rest; in
 * name order within each. An empty query lists the first `limit` choices.
 */
export function searchEntities(choices: readonly EntityChoice[], query: string, limit = 50): EntityChoice[] {
  const q = searchText(query);
  if (!q) return choices.slice(0, limit);
  const words = q.split(' ');
  const ranked: { choice: EntityChoice; rank: number; order: number }[] = [];
  choices.forEach((choice, order) => {
    const name = searchText(choice.name);
    const haystack = searchText(
      `${choice.name} ${choice.accountName ?? ''} ${choice.accountId} ${choice.entityId ?? ''}`,
    );
    if (!words.every((w) => haystack.includes(w))) return;
    const rank = name.startsWith(q) ? 0 : ` ${name}`.includes(` ${words[0]}`) ? 1 : 2;
    ranked.push({ choice, rank, order });
  });
  return ranked
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .slice(0, limit)
    .map((r) => r.choice);
}

/** The choice a draft names, if the user has seen it. */
export function findEntity(
  choices: readonly EntityChoice[],
  ref: { platform: Platform | ''; accountId: string; entityKey: string },
): EntityChoice | null {
  if (!ref.platform || !ref.entityKey) return null;
  const key = entityChoiceKey({ platform: ref.platform, accountId: ref.accountId, entityKey: ref.entityKey });
  return choices.find((c) => entityChoiceKey(c) === key) ?? null;
}
