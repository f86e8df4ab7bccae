import { useState, type FormEvent } from 'react';
import { t, type MessageKey } from '@/lib/i18n';
import { formatMoney, formatMultiple } from '@/lib/format';
import type { Settings } from '@/lib/store/settings';
import { platformName } from '@/lib/ui/display';
import {
  parseCurrencyCode,
  parseMarginPercent,
  parseRate,
  parseTimeZone,
  withEntry,
  type AccountSettingsRow,
  type BreakEven,
} from '@/lib/ui/settings-form';
import { described, Field } from '../shared/field';

export type UpdateSettings = (change: (current: Settings) => Settings) => Promise<void>;

/** A form that saves on submit and announces the outcome. */
export function SaveForm({
  labelledBy,
  onSave,
  children,
}: {
  labelledBy: string;
  onSave(): Promise<MessageKey | null>;
  children: React.ReactNode;
}) {
  const [message, setMessage] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const problem = await onSave();
      setMessage(problem ? t(problem) : t('options_saved'));
    } catch (error) {
      setMessage(t('options_save_failed', error instanceof Error ? error.message : String(error)));
    }
  };
  return (
    <form aria-labelledby={labelledBy} noValidate onSubmit={(e) => void submit(e)}>
      {children}
      <div className="buttons">
        <button type="submit">{t('options_save')}</button>
        <span role="status" className="message">
          {message}
        </span>
      </div>
    </form>
  );
}

function percentText(fraction: number | null): string {
  return fraction === null ? '' : String(Number((fraction * 100).toPrecision(12)));
}

export function MarginSection({
  settings,
  breakEven,
  locale,
  update,
}: {
  settings: Settings;
  breakEven: BreakEven;
  locale: string;
  update: UpdateSettings;
}) {
  const [text, setText] = useState(() => percentText(settings.margin));
  const [error, setError] = useState<MessageKey>();
  return (
    <section aria-labelledby="margin-title" id="margin">
      <h2 id="margin-title">{t('options_margin_title')}</h2>
      <SaveForm
        labelledBy="margin-title"
        onSave={async () => {
          const parsed = parseMarginPercent(text, locale);
          if (!parsed.ok) {
            setError('options_error_margin');
            return 'options_error_margin';
          }
          setError(undefined);
          await update((s) => ({ ...s, margin: parsed.value }));
          return null;
        }}
      >
        <Field
          id="margin-input"
          label={t('options_margin_label')}
          hint={t('options_margin_hint')}
          error={error}
        >
          <input
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={text}
            onChange={(e) => setText(e.target.value)}
            {...described('margin-input', true, error)}
          />
        </Field>
      </SaveForm>
      <dl className="facts">
        <div>
          <dt>{t('options_break_even_roas')}</dt>
          <dd>{formatMultiple(breakEven.roas, locale)}</dd>
        </div>
        <div>
          <dt>{t('options_break_even_cpa')}</dt>
          <dd>{formatMoney(breakEven.cpa, breakEven.currency, locale)}</dd>
        </div>
      </dl>
      <p className="muted small">{t('options_break_even_hint')}</p>
    </section>
  );
}

// eslint-disable-next-line max-lines-per-function -- one form whose fields share state; to be shortened when the options page's near-duplicate field blocks become one component (#16.3)
export function AccountsSection({
  rows,
  timeZones,
  locale,
  update,
}: {
  rows: readonly AccountSettingsRow[];
  timeZones: readonly string[];
  locale: string;
  update: UpdateSettings;
}) {
  const [edits, setEdits] = useState<Record<string, { currency: string; timeZone: string; ltv: string }>>({});
  const [errors, setErrors] = useState<
    Record<string, { currency?: MessageKey; timeZone?: MessageKey; ltv?: MessageKey }>
  >({});
  const valueOf = (row: AccountSettingsRow) =>
    edits[row.key] ?? {
      currency: row.currency ?? '',
      timeZone: row.timeZone ?? '',
      ltv:
        row.ltv === null
          ? ''
          : new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 6 }).format(row.ltv),
    };
  return (
    <section aria-labelledby="accounts-title" id="accounts">
      <h2 id="accounts-title">{t('options_accounts_title')}</h2>
      <p className="muted">{t('options_accounts_intro')}</p>
      {rows.length === 0 ? (
        <p>{t('options_accounts_none')}</p>
      ) : (
        <SaveForm
          labelledBy="accounts-title"
          onSave={async () => {
            const nextErrors: typeof errors = {};
            const parsed = rows.map((row) => {
              const v = valueOf(row);
              const currency = parseCurrencyCode(v.currency);
              const zone = parseTimeZone(v.timeZone);
              const ltv = parseRate(v.ltv, locale);
              if (!currency.ok)
                nextErrors[row.key] = { ...nextErrors[row.key], currency: 'options_error_currency' };
              if (!zone.ok)
                nextErrors[row.key] = { ...nextErrors[row.key], timeZone: 'options_error_time_zone' };
              if (!ltv.ok) nextErrors[row.key] = { ...nextErrors[row.key], ltv: 'options_error_ltv' };
              return {
                key: row.key,
                currency: currency.ok ? currency.value : null,
                zone: zone.ok ? zone.value : null,
                ltv: ltv.ok ? ltv.value : null,
              };
            });
            setErrors(nextErrors);
            if (Object.keys(nextErrors).length > 0) return 'options_fix_errors';
            await update((s) => {
              let accountCurrencies = s.accountCurrencies;
              let accountTimeZones = s.accountTimeZones;
              let accountLtv = s.accountLtv;
              for (const p of parsed) {
                accountCurrencies = withEntry(accountCurrencies, p.key, p.currency);
                accountTimeZones = withEntry(accountTimeZones, p.key, p.zone);
                accountLtv = withEntry(accountLtv, p.key, p.ltv);
              }
              return { ...s, accountCurrencies, accountTimeZones, accountLtv };
            });
            return null;
          }}
        >
          <datalist id="time-zones">
            {timeZones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <ul className="accounts">
            {rows.map((row, i) => {
              const v = valueOf(row);
              const name = `${platformName(row.platform, t)} · ${row.accountName ? `${row.accountName} (${row.accountId})` : row.accountId}`;
              const set = (change: Partial<typeof v>) =>
                setEdits((e) => ({ ...e, [row.key]: { ...v, ...change } }));
              return (
                <li key={row.key}>
                  <fieldset>
                    <legend>{name}</legend>
                    <Field
                      id={`account-${i}-currency`}
                      label={t('options_account_currency')}
                      hint={
                        row.readCurrency
                          ? t('options_account_currency_read', row.readCurrency)
                          : t('options_account_currency_unread')
                      }
                      error={errors[row.key]?.currency}
                    >
                      <input
                        type="text"
                        maxLength={3}
                        list="currency-codes"
                        autoComplete="off"
                        value={v.currency}
                        onChange={(e) => set({ currency: e.target.value.toUpperCase() })}
                        {...described(`account-${i}-currency`, true, errors[row.key]?.currency)}
                      />
                    </Field>
                    <Field
                      id={`account-${i}-zone`}
                      label={t('options_account_time_zone')}
                      hint={t('options_account_time_zone_hint')}
                      error={errors[row.key]?.timeZone}
                    >
                      <input
                        type="text"
                        list="time-zones"
                        autoComplete="off"
                        value={v.timeZone}
                        onChange={(e) => set({ timeZone: e.target.value })}
                        {...described(`account-${i}-zone`, true, errors[row.key]?.timeZone)}
                      />
                    </Field>
                    <Field
                      id={`account-${i}-ltv`}
                      label={t('options_account_ltv')}
                      hint={t('options_account_ltv_hint')}
                      error={errors[row.key]?.ltv}
                    >
                      <input
                        type="text"
                        inputMode="decimal"
                        autoComplete="off"
                        value={v.ltv}
                        onChange={(e) => set({ ltv: e.target.value })}
                        {...described(`account-${i}-ltv`, true, errors[row.key]?.ltv)}
                      />
                    </Field>
                  </fieldset>
                </li>
              );
            })}
          </ul>
        </SaveForm>
      )}
    </section>
  );
}

/** "100 EUR = 108 USD" under a rate as typed, so a rate typed the wrong way round shows at once. */
function rateHint(text: string, from: string, to: string, locale: string): string | undefined {
  const rate = parseRate(text, locale);
  if (!rate.ok || rate.value === null) return undefined;
  return t('options_fx_rate_example', [
    formatMoney(100, from, locale),
    formatMoney(100 * rate.value, to, locale),
  ]);
}

// eslint-disable-next-line max-lines-per-function -- one form whose fields share state; to be shortened when the options page's near-duplicate field blocks become one component (#16.3)
export function CurrencySection({
  settings,
  currencies,
  locale,
  update,
}: {
  settings: Settings;
  currencies: readonly string[];
  locale: string;
  update: UpdateSettings;
}) {
  const [reporting, setReporting] = useState(settings.reportingCurrency ?? '');
  const [rates, setRates] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(settings.fxRates).map(([c, r]) => [c, String(r)])),
  );
  const [errors, setErrors] = useState<Record<string, MessageKey>>({});
  const reportingCode = parseCurrencyCode(reporting);
  const shown = currencies.filter((c) => c !== (reportingCode.ok ? reportingCode.value : null));
  return (
    <section aria-labelledby="fx-title" id="currencies">
      <h2 id="fx-title">{t('options_fx_title')}</h2>
      <p className="muted">{t('options_fx_intro')}</p>
      <SaveForm
        labelledBy="fx-title"
        onSave={async () => {
          const next: Record<string, MessageKey> = {};
          const code = parseCurrencyCode(reporting);
          if (!code.ok) next.reporting = 'options_error_currency';
          const parsedRates: Record<string, number> = {};
          for (const c of shown) {
            const rate = parseRate(rates[c] ?? '', locale);
            if (!rate.ok) next[c] = 'options_error_rate';
            else if (rate.value !== null) parsedRates[c] = rate.value;
          }
          setErrors(next);
          if (Object.keys(next).length > 0) return 'options_fix_errors';
          await update((s) => ({
            ...s,
            reportingCurrency: code.ok ? code.value : null,
            fxRates: parsedRates,
          }));
          return null;
        }}
      >
        <Field
          id="reporting-currency"
          label={t('options_fx_reporting')}
          hint={t('options_fx_reporting_hint')}
          error={errors.reporting}
        >
          <input
            type="text"
            maxLength={3}
            list="currency-codes"
            autoComplete="off"
            value={reporting}
            onChange={(e) => setReporting(e.target.value.toUpperCase())}
            {...described('reporting-currency', true, errors.reporting)}
          />
        </Field>
        {reportingCode.ok && reportingCode.value && shown.length > 0 ? (
          <ul className="rates">
            {shown.map((c) => (
              <li key={c}>
                <Field
                  id={`rate-${c}`}
                  label={t('options_fx_rate_label', [c, reportingCode.value!])}
                  hint={rateHint(rates[c] ?? '', c, reportingCode.value!, locale)}
                  error={errors[c]}
                >
                  <input
                    type="text"
                    inputMode="decimal"
                    autoComplete="off"
                    value={rates[c] ?? ''}
                    onChange={(e) => setRates((r) => ({ ...r, [c]: e.target.value }))}
                    {...described(
                      `rate-${c}`,
                      rateHint(rates[c] ?? '', c, reportingCode.value!, locale) !== undefined,
                      errors[c],
                    )}
                  />
                </Field>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted small">{t('options_fx_no_other')}</p>
        )}
      </SaveForm>
      <p className="muted small">{t('options_fx_no_network')}</p>
    </section>
  );
}
