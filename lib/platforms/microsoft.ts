import type { Level } from '../model';
import { headerTableReaders, type HeaderTableSpec } from '../read/header-table';
import type { PlatformAdapter, UrlContext } from './types';

/**
 * Microsoft Advertising (preview). Public evidence of its grid is thin (research: ad-platform-dom.md §4,
 * ad-platform-dom-2026.md §1.4): the URLs and the metric labels are known, the grid's markup is not. So it is
 * read only by header text over `<table>` or ARIA grid cells, never by class names, and rows are keyed by the
 * id in their name link where there is one. `/campaigns` is seen in public URLs, `/adgroups` is inferred. Until a real page confirms it, the README calls it a preview.
 */
const LEVEL_BY_PATH: Record<string, Level> = {
  campaigns: 'campaign',
  adgroups: 'adset',
};

/** The id parameter of a row's own link, per level (a campaign row links to its ad groups). */
const ID_PARAM: Partial<Record<Level, string>> = { campaign: 'campaignId', adset: 'adGroupId' };

function detect(url: URL): UrlContext | null {
  if (url.hostname !== 'ui.ads.microsoft.com') return null;
  const m = /^\/campaign\/vnext\/(campaigns|adgroups)\/?$/.exec(url.pathname);
  if (!m) return null;
  const aid = url.searchParams.get('aid');
  // No public evidence that the UI puts its date range in the URL: the range is left unknown.
  return {
    level: LEVEL_BY_PATH[m[1]!]!,
    accountId: aid && /^\d{5,12}$/.test(aid) ? aid : null,
    dateStart: null,
    dateEnd: null,
  };
}

function specOf(level: Level): HeaderTableSpec {
  const param = ID_PARAM[level];
  return {
    platform: 'microsoft',
    level,
    entityIdOf(nameCell) {
      if (!param) return null;
      for (const a of nameCell.querySelectorAll('a[href]')) {
        const id = new URL(a.getAttribute('href')!, 'https://ui.ads.microsoft.com').searchParams.get(param);
        if (id && /^\d{1,20}$/.test(id)) return id;
      }
      return null;
    },
    isNotEntity: (name) => /^total\b/i.test(name),
  };
}

export const microsoftAdapter: PlatformAdapter = {
  id: 'microsoft',
  label: 'Microsoft Advertising',
  matches: ['https://ui.ads.microsoft.com/campaign/vnext/*'],
  views: [
    { level: 'campaign', name: 'campaigns' },
    { level: 'adset', name: 'ad groups' },
  ],
  languages: ['en'],
  checkedAgainst: 'public evidence',
  detect,
  ...headerTableReaders({
    platform: 'microsoft',
    label: 'Microsoft Advertising',
    detect,
    specOf,
    notAReport: 'This Microsoft Advertising page is not a campaigns or ad groups report.',
  }),
};
