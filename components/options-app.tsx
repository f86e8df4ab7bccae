import { t } from '@/lib/i18n';

export function OptionsApp() {
  return (
    <main style={{ maxWidth: 760, margin: '0 auto', padding: 16 }}>
      <h1>{t('optionsTitle')}</h1>
      <section aria-labelledby="privacy-title">
        <h2 id="privacy-title">{t('privacyTitle')}</h2>
        <p>{t('privacyBody')}</p>
      </section>
    </main>
  );
}
