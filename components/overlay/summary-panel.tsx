import { useId } from 'react';
import { t } from '@/lib/i18n';
import type { BudgetBlock, Fact, SummaryModel, TotalLine } from '@/lib/overlay/summary';

/**
 * The summary panel in the page's corner: one line while collapsed (what needs attention), the table's
 * totals against the targets, budgets, what was read and saved when open. Presentational: every text
 * comes from the model or the message catalogue.
 */

export interface SummaryPanelProps {
  model: SummaryModel;
  platformLabel: string;
  collapsed: boolean;
  onToggle(): void;
  onHide(): void;
  onOpenOptions(): void;
}

function Badge({ line }: { line: Pick<TotalLine, 'status' | 'symbol' | 'statusText'> }) {
  return (
    <span className="badge" data-status={line.status}>
      <span aria-hidden="true">{line.symbol}</span> {line.statusText}
    </span>
  );
}

function Facts({ facts, className }: { facts: Fact[]; className?: string }) {
  return (
    <dl className={className ?? 'facts'}>
      {facts.map((f) => (
        <div key={f.label} className="fact">
          <dt>{f.label}</dt>
          <dd>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Budget({ block }: { block: BudgetBlock }) {
  return (
    <li className="budget" data-status={block.status}>
      <div className="line-head">
        <span className="label">{block.title}</span>
        <Badge line={block} />
      </div>
      {block.reason ? <p className="detail">{block.reason}</p> : null}
      <Facts facts={block.facts} className="facts compact" />
    </li>
  );
}

export function SummaryPanel({
  model,
  platformLabel,
  collapsed,
  onToggle,
  onHide,
  onOpenOptions,
}: SummaryPanelProps) {
  const bodyId = useId();
  return (
    <section className="panel" aria-label={model.title} data-collapsed={collapsed ? 'true' : 'false'}>
      <button
        type="button"
        className="bar"
        aria-expanded={!collapsed}
        aria-controls={bodyId}
        onClick={onToggle}
        data-attention={model.notRecognised || model.saveError ? 'true' : undefined}
      >
        <span className="logo" aria-hidden="true">
          ◎
        </span>
        <span className="title">{model.title}</span>
        <span className="headline">{model.headline}</span>
        <span className="chevron" aria-hidden="true">
          {collapsed ? '▴' : '▾'}
        </span>
      </button>
      {collapsed ? null : (
        <div className="body" id={bodyId}>
          {model.notRecognised ? (
            <div className="notice" role="status" data-kind="not-recognised">
              <strong>{t('overlay_not_recognised_title')}</strong>
              <p>{model.notRecognised}</p>
            </div>
          ) : null}
          {model.saveError ? (
            <div className="notice" role="alert" data-kind="save-error">
              <strong>{t('overlay_save_failed_title')}</strong>
              <p>{model.saveError}</p>
            </div>
          ) : null}
          {model.waiting ? <p className="muted">{t('overlay_waiting')}</p> : null}
          {model.partial.length > 0 ? (
            <p className="partial">
              <strong>{t('overlay_partial_title')}</strong> {model.partial.join('; ')}
            </p>
          ) : null}
          {model.totals.length > 0 ? (
            <section aria-label={t('overlay_totals_title')}>
              <h3>{t('overlay_totals_title')}</h3>
              <ul className="totals">
                {model.totals.map((line) => (
                  <li key={line.kpi} data-kpi={line.kpi} data-status={line.status}>
                    <div className="line-head">
                      <span className="label">{line.label}</span>
                      <span className="value">{line.value}</span>
                      {line.status === 'none' ? null : <Badge line={line} />}
                    </div>
                    {line.detail ? <p className="detail">{line.detail}</p> : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {model.budgets.length > 0 ? (
            <section aria-label={t('overlay_budgets_title')}>
              <h3>{t('overlay_budgets_title')}</h3>
              <ul className="budgets">
                {model.budgets.map((block) => (
                  <Budget key={block.title} block={block} />
                ))}
              </ul>
            </section>
          ) : null}
          {model.facts.length > 0 ? <Facts facts={model.facts} /> : null}
          <div className="actions">
            <button type="button" onClick={onHide}>
              {t('overlay_hide_on', platformLabel)}
            </button>
            <button type="button" onClick={onOpenOptions}>
              {t('overlay_open_options')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
