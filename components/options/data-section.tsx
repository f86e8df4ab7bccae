import { useRef, useState } from 'react';
import { t, type MessageKey } from '@/lib/i18n';
import { formatNumber } from '@/lib/format';
import { LEVELS, PLATFORMS, type Platform } from '@/lib/model';
import type { CsvFilter } from '@/lib/export/csv';
import { LEVEL_KEYS, platformName } from '@/lib/ui/display';
import {
  csvFilterOf,
  EMPTY_CSV_FILTER,
  parseRetentionDays,
  type CsvFilterDraft,
} from '@/lib/ui/settings-form';
import { ExportCsvButton } from '../shared/export-csv-button';
import { described, Field } from '../shared/field';
import type { AccountChoice } from './target-form';

export interface ImportOutcome {
  added: number;
  skipped: number;
  targets: number;
}

/** Export CSV with filters, backup export / import, retention, and deleting everything. */
// eslint-disable-next-line max-lines-per-function -- four independent blocks (CSV, backup, retention, delete) still in one component; to be split into one component per block
export function DataSection({
  accounts,
  readings,
  retentionDays,
  locale,
  exportCsv,
  exportBackup,
  importBackup,
  saveRetention,
  deleteAll,
}: {
  accounts: readonly AccountChoice[];
  readings: number | undefined;
  retentionDays: number | null;
  locale: string;
  exportCsv(filter: CsvFilter, onProgress: (rows: number) => void): Promise<number>;
  exportBackup(): Promise<void>;
  /** `onProgress`: readings imported so far, of how many. */
  importBackup(file: File, onProgress: (done: number, total: number) => void): Promise<ImportOutcome>;
  saveRetention(days: number | null): Promise<void>;
  deleteAll(): Promise<void>;
}) {
  const [filter, setFilter] = useState<CsvFilterDraft>(EMPTY_CSV_FILTER);
  const parsedFilter = csvFilterOf(filter);
  const [backupMessage, setBackupMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  const [retention, setRetention] = useState(retentionDays === null ? '' : String(retentionDays));
  const [retentionError, setRetentionError] = useState<MessageKey>();
  const [retentionMessage, setRetentionMessage] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [deleteMessage, setDeleteMessage] = useState('');
  const platforms = PLATFORMS.filter((p) => accounts.some((a) => a.platform === p));
  const set = (change: Partial<CsvFilterDraft>) => setFilter((f) => ({ ...f, ...change }));

  const runImport = async () => {
    const chosen = file.current?.files?.[0];
    if (!chosen) {
      setBackupMessage(t('options_backup_choose_file'));
      return;
    }
    setBusy(true);
    setBackupMessage(t('options_backup_importing'));
    try {
      const outcome = await importBackup(chosen, (done, total) =>
        setBackupMessage(
          t('options_backup_import_progress', [formatNumber(done, locale), formatNumber(total, locale)]),
        ),
      );
      setBackupMessage(
        t('options_backup_imported', [
          formatNumber(outcome.added, locale),
          formatNumber(outcome.skipped, locale),
          formatNumber(outcome.targets, locale),
        ]),
      );
    } catch (error) {
      setBackupMessage(
        t('options_backup_import_failed', error instanceof Error ? error.message : String(error)),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="data-title" id="data">
      <h2 id="data-title">{t('options_data_title')}</h2>
      <p className="muted">
        {readings === undefined
          ? t('common_loading')
          : t('options_data_count', formatNumber(readings, locale))}
      </p>

      <fieldset>
        <legend>{t('options_csv_title')}</legend>
        <p className="muted small">{t('options_csv_intro')}</p>
        <div className="grid">
          <Field id="csv-platform" label={t('options_csv_platform')}>
            <select
              id="csv-platform"
              value={filter.platform}
              onChange={(e) => set({ platform: e.target.value as Platform | '', account: '' })}
            >
              <option value="">{t('options_csv_any')}</option>
              {platforms.map((p) => (
                <option key={p} value={p}>
                  {platformName(p, t)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="csv-account" label={t('options_csv_account')}>
            <select
              id="csv-account"
              value={filter.account}
              onChange={(e) => set({ account: e.target.value })}
            >
              <option value="">{t('options_csv_any')}</option>
              {accounts
                .filter((a) => !filter.platform || a.platform === filter.platform)
                .map((a) => (
                  <option key={`${a.platform}:${a.accountId}`} value={`${a.platform}:${a.accountId}`}>
                    {platformName(a.platform, t)} ·{' '}
                    {a.accountName ? `${a.accountName} (${a.accountId})` : a.accountId}
                  </option>
                ))}
            </select>
          </Field>
          <Field id="csv-level" label={t('options_csv_level')}>
            <select
              id="csv-level"
              value={filter.level}
              onChange={(e) => set({ level: e.target.value as CsvFilterDraft['level'] })}
            >
              <option value="">{t('options_csv_any')}</option>
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {t(LEVEL_KEYS[l])}
                </option>
              ))}
            </select>
          </Field>
          <Field id="csv-from" label={t('options_csv_from')}>
            <input
              id="csv-from"
              type="date"
              value={filter.from}
              onChange={(e) => set({ from: e.target.value })}
            />
          </Field>
          <Field
            id="csv-to"
            label={t('options_csv_to')}
            error={parsedFilter === 'invalid' ? 'options_error_range' : undefined}
          >
            <input
              type="date"
              value={filter.to}
              onChange={(e) => set({ to: e.target.value })}
              {...described('csv-to', false, parsedFilter === 'invalid' ? 'options_error_range' : undefined)}
            />
          </Field>
        </div>
        <ExportCsvButton
          locale={locale}
          run={(onProgress) =>
            parsedFilter === 'invalid'
              ? Promise.reject(new Error(t('options_error_range')))
              : exportCsv(parsedFilter, onProgress)
          }
        />
      </fieldset>

      <fieldset>
        <legend>{t('options_backup_title')}</legend>
        <p className="muted small">{t('options_backup_intro')}</p>
        <div className="buttons">
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              setBackupMessage(t('options_backup_exporting'));
              exportBackup()
                .then(() => setBackupMessage(t('options_backup_exported')))
                .catch((error: unknown) =>
                  setBackupMessage(
                    t('options_backup_export_failed', error instanceof Error ? error.message : String(error)),
                  ),
                )
                .finally(() => setBusy(false));
            }}
          >
            {t('options_backup_export')}
          </button>
        </div>
        <div className="field">
          <label htmlFor="backup-file">{t('options_backup_file')}</label>
          <input id="backup-file" ref={file} type="file" accept="application/json,.json" />
        </div>
        <div className="buttons">
          <button type="button" disabled={busy} onClick={() => void runImport()}>
            {t('options_backup_import')}
          </button>
          <span role="status" className="message">
            {backupMessage}
          </span>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('options_retention_title')}</legend>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const parsed = parseRetentionDays(retention);
            if (!parsed.ok) {
              setRetentionError('options_error_retention');
              setRetentionMessage(t('options_error_retention'));
              return;
            }
            setRetentionError(undefined);
            saveRetention(parsed.value)
              .then(() => setRetentionMessage(t('options_saved')))
              .catch((error: unknown) =>
                setRetentionMessage(
                  t('options_save_failed', error instanceof Error ? error.message : String(error)),
                ),
              );
          }}
        >
          <Field
            id="retention"
            label={t('options_retention_label')}
            hint={t('options_retention_hint')}
            error={retentionError}
          >
            <input
              type="text"
              inputMode="numeric"
              autoComplete="off"
              value={retention}
              onChange={(e) => setRetention(e.target.value)}
              {...described('retention', true, retentionError)}
            />
          </Field>
          <div className="buttons">
            <button type="submit">{t('options_save')}</button>
            <span role="status" className="message">
              {retentionMessage}
            </span>
          </div>
        </form>
      </fieldset>

      <fieldset className="danger-zone">
        <legend>{t('options_delete_title')}</legend>
        <p className="muted small">{t('options_delete_intro')}</p>
        {confirming ? (
          <div role="group" aria-labelledby="delete-confirm-text" className="confirm">
            <p id="delete-confirm-text">
              <strong>{t('options_delete_confirm_text', formatNumber(readings ?? 0, locale))}</strong>
            </p>
            <div className="buttons">
              <button
                type="button"
                className="danger"
                onClick={() =>
                  void deleteAll()
                    .then(() => {
                      setConfirming(false);
                      setDeleteMessage(t('options_delete_done'));
                    })
                    .catch((error: unknown) =>
                      setDeleteMessage(
                        t('options_save_failed', error instanceof Error ? error.message : String(error)),
                      ),
                    )
                }
              >
                {t('options_delete_confirm')}
              </button>
              <button type="button" autoFocus onClick={() => setConfirming(false)}>
                {t('options_cancel')}
              </button>
            </div>
          </div>
        ) : (
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            {t('options_delete_all')}
          </button>
        )}
        <p role="status" className="message">
          {deleteMessage}
        </p>
      </fieldset>
    </section>
  );
}
