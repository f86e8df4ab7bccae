import type { Level, Platform, TableReading } from '../model';
import type { SupportedUiLanguage } from '../read/headers';

/** What the URL alone tells about a report page. */
export interface UrlContext {
  level: Level;
  accountId: string | null;
  /** Inclusive `YYYY-MM-DD` when the platform puts the range in the URL. */
  dateStart: string | null;
  dateEnd: string | null;
}

/** User settings that reading depends on. */
export interface ReadOptions {
  /** The currency the user set for an account, used when the page shows only an ambiguous symbol. */
  accountCurrency(accountId: string | null): string | null;
}

/** Where the overlay puts one entity's chips: the row's name cell (never the row itself: hosts recycle rows). */
export interface RowAnchor {
  /** Same key as the stored snapshot's `entityKey` (lib/model.ts `entityKeyOf`). */
  entityKey: string;
  /** The element the chips go into, at its end. */
  cell: Element;
  /**
   * The cell clips what is put into it, or the table moves it by `transform` (TikTok's virtual table):
   * the chips float over the cell in a fixed layer instead of going into it.
   */
  float?: boolean;
}

/**
 * One adapter per platform, one shape: adding a platform is one file, its fixtures, and one registry line.
 * `detect` is a pure function of the URL; `read` a pure function of the document (no side effects, no
 * waiting), so both are unit-tested directly on fixtures.
 */
export interface PlatformAdapter {
  id: Platform;
  /** Human name shown in the UI. */
  label: string;
  /**
   * Manifest match patterns (CONTRACTS.md §3). The content script's matches, the manifest's host permissions and
   * the background's check of a sender's page are all derived from these.
   */
  matches: readonly string[];
  /** The report views it reads, by level and as the platform names them (README "Supported pages"). */
  views: readonly AdapterView[];
  /** UI languages it reads: each has a bundled fixture and header labels for every metric it reads. */
  languages: readonly SupportedUiLanguage[];
  /**
   * What its reading has been checked against: saved pages of the real ad manager (`../shared/real-pages`), or
   * fixtures built from public evidence only (a "preview" until a real page confirms them).
   */
  checkedAgainst: 'real pages' | 'public evidence';
  /** Non-null only on report pages this adapter can read. */
  detect(url: URL): UrlContext | null;
  /** The element to observe for changes (the table container), or null when no table is present yet. */
  findTable(root: Document): Element | null;
  read(root: Document, url: URL, options: ReadOptions): TableReading;
  /** The rendered entity rows' chip anchors, cheap enough to run once per animation frame. */
  rowAnchors?(root: Document): RowAnchor[];
}

/** One report view an adapter reads. */
export interface AdapterView {
  level: Level;
  /** The view's name in the platform's English UI, e.g. "ad groups". */
  name: string;
}
