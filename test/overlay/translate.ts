import en from '@/public/_locales/en/messages.json';
import uk from '@/public/_locales/uk/messages.json';
import vi from '@/public/_locales/vi/messages.json';
import { formatMessage, type Catalog, type MessageKey } from '@/lib/i18n';
import type { Translate } from '@/lib/overlay/explain';

const CATALOGS: Record<'en' | 'vi' | 'uk', Catalog> = { en, vi, uk };

/** The real message catalogue of a UI language, as `t()` would answer from it. */
export function translator(language: 'en' | 'vi' | 'uk' = 'en'): Translate {
  const catalog = CATALOGS[language];
  return (key: MessageKey, subs?: string | string[]) => {
    const entry = catalog[key];
    if (!entry) throw new Error(`missing message ${key} in ${language}`);
    return formatMessage(entry, subs);
  };
}
