import { formatNumber } from '@/lib/format';
import { t, uiLocale } from '@/lib/i18n';
import { findTables, type FoundTable } from '@/lib/mapping/discover';
import { showMappingPanel, type PanelText } from '@/lib/mapping/panel';
import type { DraftProblem } from '@/lib/mapping/panel-draft';
import { showPickerNotice, showTablePicker } from '@/lib/mapping/picker';
import type { Mapping } from '@/lib/mapping/schema';
import { sendRequest } from '@/lib/messages';
import { LEVEL_KEYS } from '@/lib/ui/display';
import { COLUMN_USE_KEYS } from '@/lib/ui/mapping-list';

/** Set on the page's window while a picker is open, so that a second injection does not open another. */
const OPEN_FLAG = '__kpiLensTablePicker';

const PROBLEM_KEYS = {
  columns: 'mapping_panel_problem_columns',
  dates: 'mapping_panel_problem_dates',
  currency: 'mapping_panel_problem_currency',
  other: 'mapping_panel_problem_other',
} as const satisfies Record<DraftProblem, string>;

const PANEL_TEXT: PanelText = {
  title: t('mapping_panel_title'),
  use: (use) => (use === null ? t('mapping_panel_unused') : t(COLUMN_USE_KEYS[use])),
  level: (level) => t(LEVEL_KEYS[level]),
  fields: {
    label: t('mapping_panel_label'),
    path: t('mapping_panel_path'),
    level: t('mapping_panel_level'),
    account: t('mapping_panel_account'),
    currency: t('mapping_panel_currency'),
    start: t('mapping_panel_start'),
    end: t('mapping_panel_end'),
  },
  problem: (problem) => t(PROBLEM_KEYS[problem]),
  preview: t('mapping_panel_preview'),
  number: (value) => formatNumber(value, uiLocale()),
  pick: {
    button: t('mapping_pick'),
    active: t('mapping_pick_active'),
    picked: (sample) => t('mapping_picked', sample),
    clear: t('mapping_pick_clear'),
  },
  rangeFromUrl: (start, end) => t('mapping_range_from_url', [start, end]),
  save: t('mapping_panel_save'),
  cancel: t('picker_cancel'),
};

/** The mapping saved through the worker (which checks this page may map its own site), then said so. */
async function save(mapping: Mapping): Promise<void> {
  const reply = await sendRequest({ type: 'mapping:save', mapping }).catch((error: unknown) => ({
    ok: false as const,
    error: error instanceof Error ? error.message : String(error),
  }));
  const text = reply.ok ? t('mapping_saved') : t('mapping_save_failed', reply.error);
  showPickerNotice(document, t('mapping_panel_title'), text, t('picker_close'));
}

function mapTable(table: FoundTable, close: () => void): void {
  const url = new URL(location.href);
  showMappingPanel(
    document,
    table,
    { url, id: `map-${url.host}-${Date.now().toString(36)}`.slice(0, 100), now: () => Date.now() },
    PANEL_TEXT,
    {
      save: (mapping) => {
        close();
        void save(mapping);
      },
      cancel: close,
    },
  );
}

/**
 * The table picker and column mapping panel (#15 "Read a table on this site"): registered at run time, never
 * in the manifest, and put into one tab by the worker (lib/background/table-picker.ts) after the user granted
 * that site. Its own bundle, apart from the ad managers' content script.
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
      { pick: (table) => mapTable(table, close), cancel: close },
    );
  },
});
