import { useState } from 'react';
import { t } from '@/lib/i18n';
import { formatNumber } from '@/lib/format';

export type ExportState =
  | { phase: 'idle' }
  | { phase: 'running'; rows: number }
  | { phase: 'done'; rows: number }
  | { phase: 'error'; message: string };

/**
 * The **Export CSV** button (CONTRACTS.md §2: that accessible name in English) with its progress, which is
 * announced politely. `run` does the work and reports rows as they are written.
 */
export function ExportCsvButton({
  run,
  locale,
  describedBy,
}: {
  run: (onProgress: (rows: number) => void) => Promise<number>;
  locale: string;
  describedBy?: string;
}) {
  const [state, setState] = useState<ExportState>({ phase: 'idle' });
  const start = async () => {
    setState({ phase: 'running', rows: 0 });
    try {
      const rows = await run((n) => setState({ phase: 'running', rows: n }));
      setState({ phase: 'done', rows });
    } catch (error) {
      setState({ phase: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <span className="export">
      <button
        type="button"
        onClick={() => void start()}
        disabled={state.phase === 'running'}
        aria-describedby={describedBy}
      >
        {t('common_export_csv')}
      </button>
      <span role="status" className="muted small">
        {state.phase === 'running'
          ? t('common_export_progress', formatNumber(state.rows, locale))
          : state.phase === 'done'
            ? t('common_export_done', formatNumber(state.rows, locale))
            : state.phase === 'error'
              ? t('common_export_failed', state.message)
              : ''}
      </span>
    </span>
  );
}
