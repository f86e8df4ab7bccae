import { createRoot } from 'react-dom/client';
import { PopupApp, preloadPopup } from '@/components/popup-app';
import { setLanguage } from '@/lib/i18n';
import { getDb } from '@/lib/store/db';
import { loadSettings } from '@/lib/store/settings';
import '@/components/base.css';

// The chosen language is applied before the first render, so the page never flashes in another language;
// the database is read at the same time, so the first render already draws the goals.
const settings = loadSettings();
void preloadPopup(getDb(), settings)
  .then(async (initial) => {
    if (initial.settings) await setLanguage(initial.settings.language).catch(() => undefined);
    return initial;
  })
  .catch(() => ({}))
  .then((initial) => createRoot(document.getElementById('root')!).render(<PopupApp initial={initial} />));
