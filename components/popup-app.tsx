import { useLiveQuery } from 'dexie-react-hooks';
import { browser } from 'wxt/browser';
import { getDb } from '@/lib/store/db';
import { t, uiLocale } from '@/lib/i18n';

export function PopupApp() {
  const latest = useLiveQuery(() => getDb().latest.orderBy('capturedAt').reverse().limit(20).toArray(), []);
  const money = (value: number | undefined, currency: string | null) =>
    value === undefined
      ? '—'
      : new Intl.NumberFormat(uiLocale(), currency ? { style: 'currency', currency } : {}).format(value);

  return (
    <main style={{ width: 380, padding: 12 }}>
      <h1 style={{ fontSize: 16, margin: '0 0 8px' }}>{t('popupTitle')}</h1>
      {latest === undefined ? (
        <p>{t('loading')}</p>
      ) : latest.length === 0 ? (
        <section aria-labelledby="empty-title">
          <h2 id="empty-title" style={{ fontSize: 14 }}>
            {t('popupEmptyTitle')}
          </h2>
          <p className="muted">{t('popupEmptyBody')}</p>
        </section>
      ) : (
        <table aria-label={t('popupLatest')}>
          <thead>
            <tr>
              <th>{t('colEntity')}</th>
              <th className="num">{t('colSpend')}</th>
            </tr>
          </thead>
          <tbody>
            {latest.map((row) => (
              <tr key={row.key} data-entity-key={row.entityKey}>
                <td>{row.entityName ?? row.entityId}</td>
                <td className="num">{money(row.metrics.spend, row.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('openOptions')}
        </button>
      </p>
    </main>
  );
}
