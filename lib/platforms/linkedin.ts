import type { Level } from '../model';
import { headerTableReaders, type HeaderTableSpec } from '../read/header-table';
import type { PlatformAdapter, UrlContext } from './types';

/**
 * LinkedIn Campaign Manager (preview). Its URLs are verified (research: ad-platform-dom.md §5.1) and its table is
 * a real `<td>` table (ad-platform-dom-2026.md §1.5); the rest is read by header text ("Name", "Spent", …, from
 * LinkedIn's help pages). The UI calls its levels Campaigns → Ad sets → Ads while the URLs keep the old names:
 * campaign groups are `campaign`, campaigns `adset`, creatives `ad` (CONTRACTS.md levels).
 */
function detect(url: URL): UrlContext | null {
  if (url.hostname !== 'www.linkedin.com') return null;
  const m =
    /^\/campaignmanager\/accounts\/(\d{6,12})\/(campaign-groups|campaigns|campaigns\/\d{6,12}\/creatives)\/?$/.exec(
      url.pathname,
    );
  if (!m) return null;
  const level: Level = m[2] === 'campaign-groups' ? 'campaign' : m[2] === 'campaigns' ? 'adset' : 'ad';
  // No date range in LinkedIn's URLs (none found in public material): the range is left unknown.
  return { level, accountId: m[1]!, dateStart: null, dateEnd: null };
}

/** A row's id from its own link: a group's link filters campaigns by it, a campaign's and an ad's name it. */
function idFromLink(href: string, level: Level): string | null {
  const u = new URL(href, 'https://www.linkedin.com');
  if (level === 'campaign') {
    const ids = /^\[(\d{6,12})\]$/.exec(u.searchParams.get('campaignGroupIds') ?? '');
    return ids?.[1] ?? null;
  }
  const segment = level === 'adset' ? 'campaigns' : 'creatives';
  return new RegExp(`/${segment}/(\\d{6,12})(?:/|$)`).exec(u.pathname)?.[1] ?? null;
}

function specOf(level: Level): HeaderTableSpec {
  return {
    platform: 'linkedin',
    level,
    entityIdOf(nameCell) {
      for (const a of nameCell.querySelectorAll('a[href]')) {
        const id = idFromLink(a.getAttribute('href')!, level);
        if (id) return id;
      }
      return null;
    },
    isNotEntity: (name) => /^total\b/i.test(name) || /^no records to show$/i.test(name),
  };
}

export const linkedinAdapter: PlatformAdapter = {
  id: 'linkedin',
  label: 'LinkedIn Campaign Manager',
  matches: ['https://www.linkedin.com/campaignmanager/accounts/*'],
  views: [
    { level: 'campaign', name: 'campaigns (groups)' },
    { level: 'adset', name: 'ad sets (campaigns)' },
  ],
  languages: ['en'],
  checkedAgainst: 'public evidence',
  detect,
  ...headerTableReaders({
    platform: 'linkedin',
    label: 'LinkedIn Campaign Manager',
    detect,
    specOf,
    notAReport: 'This LinkedIn Campaign Manager page is not a campaigns, ad sets or ads report.',
  }),
};
