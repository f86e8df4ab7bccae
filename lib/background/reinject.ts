/**
 * After an install or an update, Chrome leaves the ad-manager tabs that were already open without a content
 * script (the old copy is cut off from the extension, and the manifest's scripts only run on the next page
 * load). A tab left open for days would silently stop reading. This puts the manifest's own content scripts
 * back into those tabs. The script itself makes sure it never runs twice in a page (the new copy removes what
 * an orphaned one left behind; the orphan tears itself down once it notices its runtime is gone).
 *
 * Firefox injects manifest content scripts into open tabs on install and update by itself, so the Firefox
 * build does not call this (it would start a second copy).
 */

/** The part of a manifest `content_scripts` entry that says what to run where. */
export interface DeclaredContentScript {
  matches?: string[];
  js?: string[];
  all_frames?: boolean;
}

export interface OpenTab {
  id?: number;
  url?: string;
  discarded?: boolean;
}

export interface ReinjectDeps {
  scripts: readonly DeclaredContentScript[];
  /** Open tabs whose address matches one of the patterns (`tabs.query({ url })`). */
  queryTabs(patterns: string[]): Promise<OpenTab[]>;
  inject(tabId: number, files: string[], allFrames: boolean): Promise<unknown>;
  warn(message: string): void;
}

export interface ReinjectReport {
  injected: number;
  failed: number;
}

/** Reasons of `runtime.onInstalled` after which open tabs have no working content script. */
export function needsReinjection(reason: string): boolean {
  return reason === 'install' || reason === 'update';
}

/**
 * Injects every declared content script into the open tabs its patterns match. A discarded tab is skipped: it
 * loads again when the user returns to it, and the manifest's script runs then. One tab failing (closed in the
 * meantime, an error page, a policy) never stops the others.
 */
export async function reinjectIntoOpenTabs(deps: ReinjectDeps): Promise<ReinjectReport> {
  const report: ReinjectReport = { injected: 0, failed: 0 };
  for (const script of deps.scripts) {
    const files = script.js ?? [];
    const patterns = script.matches ?? [];
    if (files.length === 0 || patterns.length === 0) continue;
    let tabs: OpenTab[];
    try {
      tabs = await deps.queryTabs(patterns);
    } catch (error) {
      deps.warn(`KPI Lens: could not list the open tabs to restart reading in them: ${String(error)}`);
      report.failed += 1;
      continue;
    }
    const targets = tabs.filter((t): t is OpenTab & { id: number } => t.id !== undefined && !t.discarded);
    const results = await Promise.allSettled(
      targets.map((tab) => deps.inject(tab.id, files, script.all_frames ?? false)),
    );
    for (const result of results) {
      if (result.status === 'fulfilled') report.injected += 1;
      else report.failed += 1;
    }
    const firstFailure = results.find((r) => r.status === 'rejected');
    if (firstFailure)
      deps.warn(`KPI Lens: could not restart reading in a tab: ${String(firstFailure.reason)}`);
  }
  return report;
}
