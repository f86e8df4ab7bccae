import { useState } from 'react';
import { t } from '@/lib/i18n';
import type { ReadableSite } from '@/lib/ui/read-site';

export type ReadSiteOutcome = 'started' | 'denied';

/**
 * "Read a table on this site" (#15): on an https page no adapter reads, one button asks for that site's
 * permission (the browser's own prompt, on this click) and then shows the page's tables to pick from. When
 * the popup cannot see the page's address (no permission for it yet), a link to the options page's mapped
 * tables, where a site can be allowed by its address.
 */
export function ReadSiteSection({
  site,
  start,
  openMappings,
}: {
  site: ReadableSite | null;
  /** Must call `permissions.request` before anything else it awaits: the click is the user gesture. */
  start(): Promise<ReadSiteOutcome>;
  openMappings(): void;
}) {
  const [message, setMessage] = useState('');
  if (!site)
    return (
      <p className="read-site">
        <button type="button" className="link" onClick={openMappings}>
          {t('popup_read_other_sites')}
        </button>
      </p>
    );
  return (
    <section aria-labelledby="read-site-title" className="read-site">
      <h2 id="read-site-title">{t('popup_read_site_title')}</h2>
      <p className="muted small">{t('popup_read_site_body', site.origin)}</p>
      <button
        type="button"
        onClick={() => {
          setMessage('');
          start()
            .then((outcome) => outcome === 'denied' && setMessage(t('popup_read_site_denied')))
            .catch((error: unknown) =>
              setMessage(t('popup_read_site_failed', error instanceof Error ? error.message : String(error))),
            );
        }}
      >
        {t('popup_read_site')}
      </button>
      <span role="status" className="message">
        {message}
      </span>
    </section>
  );
}
