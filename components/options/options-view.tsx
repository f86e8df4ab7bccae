import { t, type MessageKey } from '@/lib/i18n';
import { COMMON_CURRENCIES } from '@/lib/ui/settings-form';

const SECTIONS: readonly [string, MessageKey][] = [
  ['targets', 'options_targets_title'],
  ['margin', 'options_margin_title'],
  ['accounts', 'options_accounts_title'],
  ['currencies', 'options_fx_title'],
  ['preferences', 'options_prefs_title'],
  ['mappings', 'options_mappings_title'],
  ['data', 'options_data_title'],
  ['privacy', 'options_privacy_title'],
];

/** The page frame: title, in-page navigation, shared suggestion lists, sections, privacy statement. */
export function OptionsFrame({ children }: { children: React.ReactNode }) {
  return (
    <div className="options">
      <a className="skip-link" href="#options-main">
        {t('options_skip_to_content')}
      </a>
      <header>
        <h1>{t('options_title')}</h1>
        <nav aria-label={t('options_nav_label')}>
          <ul>
            {SECTIONS.map(([id, key]) => (
              <li key={id}>
                <a href={`#${id}`}>{t(key)}</a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="options-main" tabIndex={-1}>
        <datalist id="currency-codes">
          {COMMON_CURRENCIES.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        {children}
        <PrivacySection />
      </main>
    </div>
  );
}

export function PrivacySection() {
  return (
    <section aria-labelledby="privacy-title" id="privacy">
      <h2 id="privacy-title">{t('options_privacy_title')}</h2>
      <p>{t('options_privacy_body')}</p>
      <ul>
        <li>{t('options_privacy_point_local')}</li>
        <li>{t('options_privacy_point_network')}</li>
        <li>{t('options_privacy_point_permissions')}</li>
        <li>{t('options_privacy_point_delete')}</li>
      </ul>
    </section>
  );
}
