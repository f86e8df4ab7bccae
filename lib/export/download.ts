import { csvBlob, csvFileName, type CsvFilter } from './csv';
import type { KpiLensDb } from '@/lib/store/db';
import { loadSettings } from '@/lib/store/settings';

/**
 * Saves a Blob as a file from an extension page: an object URL and an `<a download>` click. This needs no
 * `downloads` permission and sends nothing anywhere (a `blob:` URL is local to this page).
 */
export function downloadBlob(blob: Blob, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.append(link);
  link.click();
  link.remove();
  // The download has started by the time the click returns; revoking later still lets slow disks finish.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Builds the snapshot CSV in chunks (the page stays responsive) and saves it. Returns the rows written.
 */
export async function downloadSnapshotsCsv(
  db: KpiLensDb,
  filter: CsvFilter,
  options: { onProgress?: (rows: number) => void; now?: number } = {},
): Promise<number> {
  let rows = 0;
  // The account currencies the user set or confirmed apply to the stored rows as they are written.
  const { accountCurrencies } = await loadSettings();
  const blob = await csvBlob(db, filter, {
    accountCurrencies,
    onProgress: (n) => {
      rows = n;
      options.onProgress?.(n);
    },
  });
  downloadBlob(blob, csvFileName(options.now ?? Date.now()));
  return rows;
}

/** Writes a backup file from text parts generated in chunks. */
export function downloadParts(parts: readonly string[], fileName: string, type: string): void {
  downloadBlob(new Blob([...parts], { type }), fileName);
}
