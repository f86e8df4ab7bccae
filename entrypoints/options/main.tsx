import { createRoot } from 'react-dom/client';
import { OptionsApp } from '@/components/options-app';
import { setLanguage } from '@/lib/i18n';
import { loadSettings } from '@/lib/store/settings';
import '@/components/base.css';

// The chosen language is loaded before the first render, so the page never flashes in another language.
void loadSettings()
  .then((settings) => setLanguage(settings.language))
  .catch(() => undefined)
  .finally(() => createRoot(document.getElementById('root')!).render(<OptionsApp />));
