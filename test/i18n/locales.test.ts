import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import {
  formatMessage,
  languageOverride,
  onLanguageChange,
  setLanguage,
  t,
  uiLanguage,
  uiLocale,
  UI_LANGUAGES,
  type Catalog,
  type UiLanguage,
} from '@/lib/i18n';

function catalog(language: string): Catalog {
  return JSON.parse(readFileSync(`public/_locales/${language}/messages.json`, 'utf8')) as Catalog;
}

/** `$NAME$` references in a message, lower-cased, sorted. */
function referenced(message: string): string[] {
  return [...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase()).sort();
}

const loadFromDisk = async (language: UiLanguage) => catalog(language);

describe('locale files', () => {
  const en = catalog('en');

  it.each(['vi', 'uk'])('%s has exactly the English keys', (language) => {
    expect(Object.keys(catalog(language)).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(['en', 'vi', 'uk'])(
    '%s: every message is non-empty and uses exactly the English placeholders',
    (language) => {
      const messages = catalog(language);
      for (const [key, entry] of Object.entries(messages)) {
        expect(entry.message.trim(), key).not.toBe('');
        const english = en[key]!;
        const names = Object.keys(entry.placeholders ?? {}).sort();
        expect(names, key).toEqual(Object.keys(english.placeholders ?? {}).sort());
        for (const name of names)
          expect(entry.placeholders![name]!.content, `${key}.${name}`).toBe(
            english.placeholders![name]!.content,
          );
        // A literal dollar sign must be written `$$`: a lone `$` is swallowed by the browser.
        expect(entry.message.replace(/\$\$|\$[A-Za-z0-9_@]+\$|\$[1-9]/g, ''), key).not.toContain('$');
        // Every placeholder is used, and only declared ones are.
        expect([...new Set(referenced(entry.message))], key).toEqual(names.map((n) => n.toLowerCase()));
      }
    },
  );

  it('keeps the contract names in English', () => {
    expect(en.common_export_csv!.message).toBe('Export CSV');
    expect(en.options_backup_export!.message).toBe('Export backup');
    expect(en.options_backup_import!.message).toBe('Import backup');
  });

  it('translates (Vietnamese and Ukrainian differ from English for sentences)', () => {
    const vi = catalog('vi');
    const uk = catalog('uk');
    expect(vi.popup_empty_title!.message).not.toBe(en.popup_empty_title!.message);
    expect(uk.popup_empty_title!.message).not.toBe(en.popup_empty_title!.message);
    expect(vi.common_status_off_track!.message).not.toBe(en.common_status_off_track!.message);
  });
});

describe('formatMessage', () => {
  it('fills named placeholders from positional substitutions, case-insensitively', () => {
    const entry = {
      message: 'Imported $ADDED$ readings ($Skipped$ already here), $$5 each',
      placeholders: { added: { content: '$1' }, skipped: { content: '$2' } },
    };
    expect(formatMessage(entry, ['10', '2'])).toBe('Imported 10 readings (2 already here), $5 each');
    expect(formatMessage({ message: 'Hi $1' }, 'you')).toBe('Hi you');
    expect(formatMessage({ message: 'No $NAME$ declared' })).toBe('No $NAME$ declared');
  });
});

describe('t() and the language override', () => {
  afterEach(async () => {
    // Back to following a browser whose language has no bundled file: browser.i18n answers.
    vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('fr');
    await setLanguage('auto', loadFromDisk);
  });

  it('answers from the chosen bundled locale, and back from the browser on auto', async () => {
    const getMessage = vi.spyOn(browser.i18n, 'getMessage').mockImplementation(() => 'from browser');
    vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('en-GB');
    const changes = vi.fn();
    const stop = onLanguageChange(changes);

    await setLanguage('vi', loadFromDisk);
    expect(languageOverride()).toBe('vi');
    expect(uiLanguage()).toBe('vi');
    expect(uiLocale()).toBe('vi');
    expect(t('common_export_csv')).toBe('Xuất CSV');
    expect(t('popup_last_reading', '10:32')).toBe('Lần đọc gần nhất: 10:32');
    expect(getMessage).not.toHaveBeenCalled();

    await setLanguage('en', loadFromDisk);
    // Same language as the browser: keep its region for number and date formats.
    expect(uiLocale()).toBe('en-GB');
    expect(t('common_export_csv')).toBe('Export CSV');

    await setLanguage('auto', loadFromDisk);
    expect(languageOverride()).toBeNull();
    expect(uiLocale()).toBe('en-GB');
    expect(t('common_export_csv')).toBe('Export CSV');
    expect(changes).toHaveBeenCalledTimes(2);
    stop();
  });

  it('on auto, follows the browser’s UI language through the bundled file, else browser.i18n', async () => {
    const getMessage = vi.spyOn(browser.i18n, 'getMessage').mockImplementation(() => 'from browser');
    const ui = vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('uk-UA');
    await setLanguage('auto', loadFromDisk);
    expect(uiLanguage()).toBe('uk');
    expect(uiLocale()).toBe('uk-UA');
    expect(t('common_export_csv')).toBe('Експорт CSV');
    ui.mockReturnValue('fr-FR');
    await setLanguage('auto', loadFromDisk);
    expect(uiLanguage()).toBe('en');
    expect(uiLocale()).toBe('fr-FR');
    expect(t('common_export_csv')).toBe('from browser');
    expect(getMessage).toHaveBeenCalled();
  });

  it('stays with the browser language when the locale file cannot be read', async () => {
    vi.spyOn(browser.i18n, 'getMessage').mockImplementation(() => 'from browser');
    vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('fr');
    await setLanguage('uk', async () => {
      throw new Error('missing');
    });
    expect(uiLanguage()).toBe('en');
    expect(t('common_export_csv')).toBe('from browser');
  });

  it('shows a missing key loudly instead of an empty string', () => {
    vi.spyOn(browser.i18n, 'getMessage').mockImplementation(() => '');
    expect(t('common_export_csv')).toBe('⟨common_export_csv⟩');
  });

  it('offers exactly the three UI languages', () => {
    expect([...UI_LANGUAGES]).toEqual(['en', 'vi', 'uk']);
  });
});
