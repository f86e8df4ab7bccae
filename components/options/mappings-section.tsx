import { useEffect, useRef, useState } from 'react';
import { t, type MessageKey } from '@/lib/i18n';
import { formatNumber } from '@/lib/format';
import { MappingFileError, type MappingFileProblem } from '@/lib/mapping/file';
import type { Mapping } from '@/lib/mapping/schema';
import { LEVEL_KEYS } from '@/lib/ui/display';
import { COLUMN_USE_KEYS, type MappedSite } from '@/lib/ui/mapping-list';
import { siteOfInput } from '@/lib/ui/read-site';
import { described, Field } from '../shared/field';
import { UndoNotice, type Notice } from './undo-notice';

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

const PROBLEM_KEYS: Record<MappingFileProblem, MessageKey> = {
  'not-json': 'options_mappings_error_not_json',
  'not-mapping-file': 'options_mappings_error_not_mapping_file',
  newer: 'options_mappings_error_newer',
  damaged: 'options_mappings_error_damaged',
};

/** A refused mapping file in the user's language (the kind of problem, and for a damaged file where). */
function importErrorText(error: unknown): string {
  if (error instanceof MappingFileError) return t(PROBLEM_KEYS[error.problem], error.detail);
  return t('options_mappings_import_failed', errorText(error));
}

export interface MappingActions {
  remove(id: string): Promise<Mapping | null>;
  restore(mapping: Mapping): Promise<void>;
  /** Asks for a site's optional host permission (the browser's prompt: call it on the click); true if granted. */
  allow(pattern: string): Promise<boolean>;
  /** Revokes the site's optional host permission; false when the browser kept it. */
  revoke(pattern: string): Promise<boolean>;
  /** Downloads the mapping file; returns how many mappings it holds. */
  exportFile(): Promise<number>;
  /** Imports a mapping file (all or nothing); returns how many mappings it held. */
  importFile(file: File): Promise<number>;
}

/** "Tables you mapped": each site with its permission and mappings, delete with undo, the mapping file. */
export function MappingsSection({
  sites,
  locale,
  actions,
  isSupported,
}: {
  sites: readonly MappedSite[];
  locale: string;
  actions: MappingActions;
  /** A page one of the built-in adapters reads (not a site to allow). */
  isSupported(url: URL): boolean;
}) {
  const [notice, setNotice] = useState<Notice<Mapping> | null>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (notice?.undo) undoButton.current?.focus();
  }, [notice?.undo]);

  const deleteOne = async (mapping: Mapping) => {
    try {
      const deleted = await actions.remove(mapping.id);
      setNotice({ text: t('options_mappings_deleted', mapping.label), undo: deleted, failed: false });
    } catch (error) {
      setNotice({ text: t('options_mappings_delete_failed', errorText(error)), undo: null, failed: true });
    }
  };
  const undo = async (deleted: Mapping) => {
    try {
      await actions.restore(deleted);
      setNotice({ text: t('options_mappings_restored'), undo: null, failed: false });
    } catch (error) {
      setNotice({
        text: t('options_mappings_restore_failed', errorText(error)),
        undo: deleted,
        failed: true,
      });
    }
  };
  const revoke = async (site: MappedSite) => {
    try {
      const removed = await actions.revoke(site.pattern);
      if (!removed) throw new Error(site.pattern);
      setNotice({ text: t('options_mappings_stopped', site.origin), undo: null, failed: false });
    } catch (error) {
      setNotice({ text: t('options_mappings_stop_failed', errorText(error)), undo: null, failed: true });
    }
  };

  return (
    <section aria-labelledby="mappings-title" id="mappings">
      <h2 id="mappings-title">{t('options_mappings_title')}</h2>
      <p className="muted">{t('options_mappings_intro')}</p>
      <UndoNotice
        notice={notice}
        buttonRef={undoButton}
        onUndo={(deleted) => void undo(deleted)}
        onExpire={() => setNotice(null)}
      />
      {sites.length === 0 ? <p>{t('options_mappings_none')}</p> : null}
      {sites.map((site) => (
        <SiteBlock
          key={site.pattern}
          site={site}
          onRevoke={() => void revoke(site)}
          onDelete={(mapping) => void deleteOne(mapping)}
        />
      ))}
      <AllowSiteForm allow={actions.allow} isSupported={isSupported} />
      <MappingFileBlock
        count={sites.reduce((n, s) => n + s.mappings.length, 0)}
        locale={locale}
        actions={actions}
      />
    </section>
  );
}

function SiteBlock({
  site,
  onRevoke,
  onDelete,
}: {
  site: MappedSite;
  onRevoke(): void;
  onDelete(mapping: Mapping): void;
}) {
  return (
    <div className="mapped-site" data-site={site.origin}>
      <h3>{site.origin}</h3>
      <div className="buttons">
        <span className="muted small">
          {site.allowed ? t('options_mappings_site_allowed') : t('options_mappings_site_not_allowed')}
        </span>
        {site.allowed ? (
          <button type="button" aria-label={t('options_mappings_stop_label', site.origin)} onClick={onRevoke}>
            {t('options_mappings_stop')}
          </button>
        ) : null}
      </div>
      {site.mappings.length > 0 ? (
        <ul className="mapping-list">
          {site.mappings.map((mapping) => (
            <MappingItem key={mapping.id} mapping={mapping} onDelete={() => onDelete(mapping)} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function MappingItem({ mapping, onDelete }: { mapping: Mapping; onDelete(): void }) {
  return (
    <li className="mapping-item" data-mapping-id={mapping.id}>
      <strong>{mapping.label}</strong>
      <dl>
        <dt>{t('options_mappings_pages')}</dt>
        <dd>
          <code>{`${mapping.origin}${mapping.pathPattern}`}</code>
        </dd>
        <dt>{t('options_mappings_level')}</dt>
        <dd>{t(LEVEL_KEYS[mapping.level])}</dd>
        <dt>{t('options_mappings_columns')}</dt>
        <dd>
          <ul className="mapped-columns">
            {mapping.columns.map((column) => (
              <li key={column.header}>
                {t('options_mappings_column', [column.header, t(COLUMN_USE_KEYS[column.use])])}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      <button type="button" aria-label={t('options_mappings_delete_label', mapping.label)} onClick={onDelete}>
        {t('options_mappings_delete')}
      </button>
    </li>
  );
}

/** Allows a site by its address, for a tab whose address the popup cannot see before it is allowed. */
function AllowSiteForm({
  allow,
  isSupported,
}: {
  allow(pattern: string): Promise<boolean>;
  isSupported(url: URL): boolean;
}) {
  const [input, setInput] = useState('');
  const [error, setError] = useState<MessageKey>();
  const [message, setMessage] = useState('');
  return (
    <form
      className="allow-site"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const site = siteOfInput(input, isSupported);
        if (!site) {
          setError('options_mappings_allow_invalid');
          setMessage('');
          return;
        }
        setError(undefined);
        // The browser's prompt needs this click: nothing is awaited before the request.
        allow(site.pattern)
          .then((granted) =>
            setMessage(
              t(granted ? 'options_mappings_allowed' : 'options_mappings_allow_denied', site.origin),
            ),
          )
          .catch((failure: unknown) => setMessage(t('options_mappings_stop_failed', errorText(failure))));
      }}
    >
      <Field
        id="allow-site"
        label={t('options_mappings_allow_label')}
        hint={t('options_mappings_allow_hint')}
        error={error}
      >
        <input
          type="url"
          inputMode="url"
          autoComplete="off"
          placeholder="https://"
          value={input}
          onChange={(e) => setInput(e.target.value)}
          {...described('allow-site', true, error)}
        />
      </Field>
      <div className="buttons">
        <button type="submit">{t('options_mappings_allow')}</button>
        <span role="status" className="message">
          {message}
        </span>
      </div>
    </form>
  );
}

function MappingFileBlock({
  count,
  locale,
  actions,
}: {
  count: number;
  locale: string;
  actions: MappingActions;
}) {
  const [message, setMessage] = useState('');
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  const run = async (work: () => Promise<string>, onError: (error: unknown) => string) => {
    setBusy(true);
    try {
      setMessage(await work());
      setFailed(false);
    } catch (error) {
      setMessage(onError(error));
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  const runImport = () => {
    const chosen = file.current?.files?.[0];
    if (!chosen) {
      setMessage(t('options_mappings_choose_file'));
      setFailed(true);
      return;
    }
    void run(async () => {
      const imported = await actions.importFile(chosen);
      if (file.current) file.current.value = '';
      return t('options_mappings_imported', formatNumber(imported, locale));
    }, importErrorText);
  };
  const runExport = () =>
    run(
      async () => t('options_mappings_exported', formatNumber(await actions.exportFile(), locale)),
      (error) => t('options_mappings_export_failed', errorText(error)),
    );

  return (
    <fieldset>
      <legend>{t('options_mappings_file_title')}</legend>
      <p className="muted small">{t('options_mappings_file_intro')}</p>
      <div className="buttons">
        <button type="button" disabled={busy || count === 0} onClick={() => void runExport()}>
          {t('options_mappings_export')}
        </button>
      </div>
      <div className="field">
        <label htmlFor="mapping-file">{t('options_mappings_file')}</label>
        <input id="mapping-file" ref={file} type="file" accept="application/json,.json" />
      </div>
      <div className="buttons">
        <button type="button" disabled={busy} onClick={runImport}>
          {t('options_mappings_import')}
        </button>
        {/* Both live regions are always there, so that a message appearing in either is read out. */}
        <span role="status" className="message">
          {failed ? '' : message}
        </span>
        <span role="alert" className="message">
          {failed ? message : ''}
        </span>
      </div>
    </fieldset>
  );
}
