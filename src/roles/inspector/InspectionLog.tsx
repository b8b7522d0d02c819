// The local inspection log: filters (finding, day, text) and CSV export of what is shown
// (UTF-8 with BOM so Excel opens the Chinese correctly); entries deleted one by one or all at once,
// and by themselves after the retention period (platform/store/retention.ts).

import { useEffect, useId, useMemo, useState } from 'react';
import { useI18n } from '../../app/i18n';
import { getStore } from '../../app/services';
import { formatDateTime } from '../../app/format';
import { CHECK_TITLE, STATUS_TEXT } from '../../app/i18n/reasons';
import { Icon, VERDICT_ICON, VERDICT_TONE } from '../../app/components/icons';
import type { InspectionEntry } from '../../platform/store';
import { filterLog, localIsoDate, logCsv, type LogFilter } from './inspection-model';

export function InspectionLog({ version: saved }: { version: number }) {
  const { t, lang } = useI18n();
  const [entries, setEntries] = useState<InspectionEntry[]>([]);
  const [filter, setFilter] = useState<LogFilter>({ result: 'all', date: '', text: '' });
  const dateId = useId();
  const textId = useId();
  const [deleted, setDeleted] = useState(0);
  const version = saved + deleted;

  useEffect(() => {
    let live = true;
    getStore()
      .then(({ store }) => store.listInspections(5000))
      .then(
        (list) => live && setEntries(list),
        () => {},
      );
    return () => {
      live = false;
    };
  }, [version]);

  const shown = useMemo(() => filterLog(entries, filter), [entries, filter]);
  const resultText = { pass: t.inspectPass, fail: t.inspectFail };

  const exportCsv = () => {
    const csv = logCsv(shown, lang, t.csvHeader, resultText);
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `sanma-inspections-${localIsoDate(Date.now())}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const remove = async (id: number | undefined) => {
    if (id === undefined) return;
    const { store } = await getStore();
    await store.deleteInspection(id);
    setDeleted((n) => n + 1);
  };

  const removeAll = async () => {
    if (!window.confirm(t.logClearConfirm)) return;
    const { store } = await getStore();
    await store.clearInspections();
    setDeleted((n) => n + 1);
  };

  return (
    <section className="card" aria-labelledby="log-heading" data-testid="inspection-log">
      <h2 id="log-heading">{t.logTitle}</h2>
      <p className="hint">{t.logKept}</p>
      <fieldset>
        <legend>{t.logFilterResult}</legend>
        <div className="choice-row">
          {(['all', 'pass', 'fail'] as const).map((r) => (
            <label key={r} className="choice">
              <input type="radio" name="log-result" value={r} checked={filter.result === r} onChange={() => setFilter({ ...filter, result: r })} data-testid={`log-filter-${r}`} />
              {r === 'all' ? t.logFilterAll : resultText[r]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field-row">
        <div>
          <label htmlFor={dateId}>{t.logFilterDate}</label>
          <input id={dateId} type="date" value={filter.date} onChange={(e) => setFilter({ ...filter, date: e.target.value })} data-testid="log-filter-date" />
        </div>
        <div>
          <label htmlFor={textId}>{t.logFilterText}</label>
          <input id={textId} type="search" value={filter.text} placeholder={t.logFilterTextPlaceholder} onChange={(e) => setFilter({ ...filter, text: e.target.value })} data-testid="log-filter-text" />
        </div>
      </div>
      <p className="hint" aria-live="polite" data-testid="log-count">
        {t.logCount(shown.length)}
      </p>
      <button type="button" className="btn block" onClick={exportCsv} disabled={shown.length === 0} data-testid="log-export">
        {t.logExport}
      </button>
      {shown.length === 0 ? (
        <p>{t.logEmpty}</p>
      ) : (
        <ul className="plain-list">
          {shown.map((e) => (
            <li key={e.id} className="log-entry" data-testid="log-entry" data-result={e.result}>
              <header>
                <span className="stall">{e.stallNo}</span>
                <span className={`pill ${e.result === 'pass' ? 'ok' : 'bad'}`}>
                  <Icon kind={e.result === 'pass' ? 'ok' : 'bad'} />
                  {resultText[e.result]}
                </span>
                <span className={`icon-${VERDICT_TONE[e.status]}`} style={{ display: 'inline-flex', alignItems: 'center', gap: '0.25rem' }}>
                  <Icon kind={VERDICT_ICON[e.status]} />
                  <span style={{ color: 'var(--text)' }}>{STATUS_TEXT[lang][e.status]}</span>
                </span>
              </header>
              <small className="hint">{formatDateTime(e.time, lang)}</small>
              {e.reasons.length > 0 && <p className="hint">{reasonSummary(e.reasons, lang)}</p>}
              {e.note && <p>{e.note}</p>}
              <button type="button" className="btn icon-only" onClick={() => void remove(e.id)} aria-label={t.deleteEntry(`${e.stallNo} ${formatDateTime(e.time, lang)}`)} data-testid="log-delete">
                <Icon kind="bad" />
              </button>
            </li>
          ))}
        </ul>
      )}
      {entries.length > 0 && (
        <button type="button" className="btn danger" onClick={() => void removeAll()} data-testid="log-clear">
          {t.logClear}
        </button>
      )}
    </section>
  );
}

/** Reason codes are stored; show the checks they belong to when we know them, else the code. */
function reasonSummary(reasons: string[], lang: 'zh-CN' | 'en'): string {
  const titles = CHECK_TITLE[lang];
  const byReason: Record<string, string> = {
    HEALTH_EXPIRED: titles.health,
    HEALTH_REVOKED: titles.health,
    CODE_REVOKED: titles.revocation,
    REGISTRATION_REVOKED: titles.revocation,
    STALL_HANDED_OVER: titles.revocation,
    REVOCATIONS_INCOMPLETE: titles.revocation,
    LEDGER_FORKED: titles.ledger,
    PRODUCE_NOT_TODAY: titles['produce-date'],
    POLICY_STALE: titles['policy-freshness'],
    ANCHOR_NOT_CACHED: titles.anchor,
    INCLUSION_MISMATCH: titles.inclusion,
    PROOF_SHAPE: titles.inclusion,
    URL_BASE_MISMATCH: titles.url,
    PAYMENT_MALFORMED: titles.payment,
    PRODUCE_TEST_FAILED: titles.produce,
    HEADERS_STALE: titles['header-freshness'],
    HEADERS_NOT_SYNCED: titles['header-freshness'],
    REVOCATIONS_STALE: titles.revocation,
    REVOCATIONS_NOT_SYNCED: titles.revocation,
    CODE_STALE: titles['code-age'],
    CHAIN_UNKNOWN: titles.chain,
    PAYLOAD_MALFORMED: titles.format,
    PAYLOAD_UNKNOWN_VERSION: titles.format,
    CLOCK_BEHIND: titles.clock,
  };
  return [...new Set(reasons.map((r) => byReason[r] ?? r))].join(' · ');
}
