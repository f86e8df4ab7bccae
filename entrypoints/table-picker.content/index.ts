import { t } from '@/lib/i18n';
import { findTables } from '@/lib/mapping/discover';
import { showPickerNotice, showTablePicker } from '@/lib/mapping/picker';

/** Set on the page's window while a picker is open, so that a second injection does not open another. */
const OPEN_FLAG = '__kpiLensTablePicker';

/**
 * The table picker (#15 "Read a table on this site"): registered at run time, never in the manifest, and put
 * into one tab by the worker (lib/background/table-picker.ts) after the user granted that site. Its own
 * bundle, apart from the ad managers' content script.
 */
export default defineContentScript({
  registration: 'runtime',
  main() {
    const flags = window as unknown as Record<string, boolean | undefined>;
    if (flags[OPEN_FLAG]) return;
    flags[OPEN_FLAG] = true;
    const close = () => {
      flags[OPEN_FLAG] = false;
    };
    const tables = findTables(document);
    showTablePicker(
      document,
      tables,
      {
        title: t('picker_title'),
        cancel: t('picker_cancel'),
        none: t('picker_none'),
        tableLabel: (index, table) =>
          t('picker_table_label', [
            String(index + 1),
            String(table.headers.length),
            table.headers.slice(0, 3).join(', '),
            String(table.rows.length),
          ]),
      },
      {
        // The column mapping panel (#15.2) is to take the picked table from here. Until it exists the user is
        // told so plainly: nothing was stored.
        pick: (table) => {
          close();
          showPickerNotice(
            document,
            t('picker_title'),
            t('picker_picked', String(tables.indexOf(table) + 1)),
            t('picker_close'),
          );
        },
        cancel: close,
      },
    );
  },
});
