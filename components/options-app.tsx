import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { browser } from 'wxt/browser';
import { uiLocale } from '@/lib/i18n';
import { downloadBlob, downloadSnapshotsCsv } from '@/lib/export/download';
import { mappingFile, mappingFileName, parseMappingFile } from '@/lib/mapping/file';
import { deleteMapping, importMappings, loadMappings, MAPPINGS_KEY, saveMapping } from '@/lib/mapping/store';
import { mappedSites, sitesAllowedByUser } from '@/lib/ui/mapping-list';
import { platformOfPage } from '@/lib/platforms/hosts';
// The adapters' match patterns as data: the options page does not bundle their page readers.
import PLATFORM_PAGES from 'virtual:kpi-lens-platform-pages';
import { backupFileName, backupParts, importBackup, parseBackup } from '@/lib/store/backup';
import { getDb } from '@/lib/store/db';
import { loadSettings, saveSettings, SETTINGS_KEY, updateSettings } from '@/lib/store/settings';
import { knownAccounts } from '@/lib/store/accounts';
import { currentLatestRows, currentRangeFloor, targetEntities } from '@/lib/store/current';
import { STATUS_KEY } from '@/lib/store/status';
import { deleteTarget, listTargets, restoreTarget, saveTarget } from '@/lib/store/targets';
import { currentSets, latestAsJudged } from '@/lib/ui/current';
import { scopeNamesOf } from '@/lib/ui/display';
import { goalSettingsOf } from '@/lib/ui/popup-model';
import { entityChoices } from '@/lib/ui/target-list';
import {
  accountSettingsRows,
  breakEvenOf,
  currenciesInUse,
  deleteAllData,
  timeZoneChoices,
} from '@/lib/ui/settings-form';
import { DataSection } from './options/data-section';
import { MappingsSection, type MappingActions } from './options/mappings-section';
import { OptionsFrame } from './options/options-view';
import { PreferencesSection } from './options/preferences-section';
import { RiskSection } from './options/risk-section';
import { AccountsSection, CurrencySection, MarginSection } from './options/settings-sections';
import { TargetsSection } from './options/targets-section';
import {
  browserTimeZone,
  useGrantedOrigins,
  useLanguage,
  useMappings,
  useNow,
  useSettings,
} from './shared/hooks';

/** The extension's own host patterns (the ad managers): not sites the user allowed, never revoked here. */
function requiredPatterns(): string[] {
  const manifest = browser.runtime.getManifest();
  return [
    ...(manifest.host_permissions ?? []),
    ...(manifest.content_scripts ?? []).flatMap((script) => script.matches ?? []),
  ];
}

/** Gives back every site the user allowed (Delete all data): nothing of this profile is left to read them. */
async function revokeAllowedSites(): Promise<void> {
  const granted = (await browser.permissions.getAll()).origins ?? [];
  const origins = sitesAllowedByUser(granted, requiredPatterns()).map((site) => site.pattern);
  if (origins.length > 0) await browser.permissions.remove({ origins });
}

/** The options page's mapping actions: storage (lib/mapping/store.ts), the permission, the mapping file. */
const MAPPING_ACTIONS: MappingActions = {
  remove: deleteMapping,
  restore: saveMapping,
  allow: (pattern) => browser.permissions.request({ origins: [pattern] }),
  revoke: (pattern) => browser.permissions.remove({ origins: [pattern] }),
  exportFile: async () => {
    const mappings = await loadMappings();
    const at = Date.now();
    downloadBlob(new Blob([mappingFile(mappings, at)], { type: 'application/json' }), mappingFileName(at));
    return mappings.length;
  },
  importFile: async (file) => importMappings(parseMappingFile(await file.text())),
};

/** Data and actions of the options page; every section renders what lib/ui computes. */
// eslint-disable-next-line max-lines-per-function -- the page's one state container: its hooks and the props they feed each section belong together
export function OptionsApp() {
  const db = getDb();
  const settings = useSettings();
  const language = useLanguage(settings?.language);
  const now = useNow();
  // Bumped when the settings are replaced from outside the forms (import, delete), to reset form drafts.
  const [revision, setRevision] = useState(0);

  const floor = currentRangeFloor(now);
  // Only the rows the targets' live counts can use, not the whole history (lib/store/current.ts).
  const stored = useLiveQuery(
    async () => currentLatestRows(db, { floor, entities: targetEntities(await listTargets(db)) }),
    [db, floor],
  );
  const targets = useLiveQuery(() => listTargets(db), [db]);
  const accounts = useLiveQuery(() => knownAccounts(db), [db]);
  const readings = useLiveQuery(() => db.snapshots.count(), [db]);

  // Readings without a currency take the one set for their account (as the popup does).
  const latest = useMemo(
    () => (stored && settings ? latestAsJudged(stored, settings) : undefined),
    [stored, settings],
  );
  const sets = useMemo(() => currentSets(latest ?? []), [latest]);
  const names = useMemo(() => scopeNamesOf(latest ?? []), [latest]);
  // The entity picker's choices: what the pages showed, by name (current readings, remembered campaigns).
  const entities = useMemo(() => entityChoices(accounts ?? [], latest ?? []), [accounts, latest]);
  const goalSettings = useMemo(
    () => (settings ? goalSettingsOf(settings, browserTimeZone()) : null),
    [settings],
  );
  const timeZones = useMemo(() => timeZoneChoices(), []);
  const mappings = useMappings();
  const granted = useGrantedOrigins();
  const sites = useMemo(
    () => mappedSites(mappings ?? [], granted ?? [], requiredPatterns()),
    [mappings, granted],
  );
  const locale = uiLocale();

  if (!settings || !latest || !targets || !accounts || !goalSettings)
    return <OptionsFrame key={language}>{null}</OptionsFrame>;

  const update = async (change: Parameters<typeof updateSettings>[0]) => {
    await updateSettings(change);
  };

  return (
    <OptionsFrame key={language}>
      <TargetsSection
        targets={targets}
        latest={latest}
        sets={sets}
        accounts={accounts}
        entities={entities}
        goalSettings={goalSettings}
        now={now}
        locale={locale}
        names={names}
        save={async (target) => {
          await saveTarget(db, target);
        }}
        remove={(id) => deleteTarget(db, id)}
        restore={async (deleted) => {
          await restoreTarget(db, deleted);
        }}
      />
      <MarginSection
        key={`margin-${revision}`}
        settings={settings}
        breakEven={breakEvenOf(settings, sets)}
        locale={locale}
        update={update}
      />
      <AccountsSection
        key={`accounts-${revision}`}
        rows={accountSettingsRows(accounts, settings)}
        timeZones={timeZones}
        locale={locale}
        update={update}
      />
      <CurrencySection
        key={`fx-${revision}`}
        settings={settings}
        currencies={currenciesInUse([...latest, ...accounts], settings)}
        locale={locale}
        update={update}
      />
      <PreferencesSection settings={settings} update={update} />
      <RiskSection key={`risk-${language}`} settings={settings} locale={locale} update={update} />
      <MappingsSection
        sites={sites}
        locale={locale}
        actions={MAPPING_ACTIONS}
        isSupported={(url) => platformOfPage(PLATFORM_PAGES, url) !== null}
      />
      <DataSection
        accounts={accounts}
        readings={readings}
        retentionDays={settings.retentionDays}
        locale={locale}
        exportCsv={(filter, onProgress) => downloadSnapshotsCsv(db, filter, { onProgress })}
        exportBackup={async () => {
          const at = Date.now();
          const parts: string[] = [];
          for await (const part of backupParts(db, await loadSettings(), at, await loadMappings()))
            parts.push(part);
          downloadBlob(new Blob(parts, { type: 'application/json' }), backupFileName(at));
        }}
        importBackup={async (file, onProgress) => {
          const backup = parseBackup(await file.text());
          const report = await importBackup(db, backup, {
            currentSettings: await loadSettings(),
            saveSettings,
            importMappings,
            onProgress,
          });
          setRevision((r) => r + 1);
          return { added: report.snapshotsAdded, skipped: report.snapshotsSkipped, targets: report.targets };
        }}
        saveRetention={(retentionDays) => update((s) => ({ ...s, retentionDays }))}
        deleteAll={async () => {
          await deleteAllData(db);
          await browser.storage.local.remove([SETTINGS_KEY, STATUS_KEY, MAPPINGS_KEY]);
          await revokeAllowedSites();
          setRevision((r) => r + 1);
        }}
      />
    </OptionsFrame>
  );
}
