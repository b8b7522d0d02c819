// /inspector (docs/DESIGN.md §2 inspector): morning sync with progress and cancel, the age of every
// cache, then offline all day: continuous scanning, full check detail, a note and pass/fail per
// stall into the local inspection log, with filters and CSV export.

import { useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../app/i18n';
import { useAppEvent, useNow, useOnline } from '../../app/hooks';
import { cacheSummary, syncAll, type CacheSummary, type SyncProgress } from '../../app/services';
import { CacheStatus } from '../../app/components/CacheStatus';
import { Icon } from '../../app/components/icons';
import { LEDGER_REASON_TEXT } from '../../app/i18n/reasons';
import { LedgerError } from '../../platform/ledger';
import { requestPersistentStorage } from '../../platform/pwa';
import { persistText } from '../../app/persist';
import { syncPercent } from './inspection-model';
import { InspectPanel } from './InspectPanel';
import { InspectionLog } from './InspectionLog';

export default function InspectorScreen() {
  const { t } = useI18n();
  const [logVersion, setLogVersion] = useState(0);
  return (
    <section aria-labelledby="inspector-heading">
      <h1 id="inspector-heading">{t.inspectorTitle}</h1>
      <SyncPanel />
      <InspectPanel onSaved={() => setLogVersion((v) => v + 1)} />
      <InspectionLog version={logVersion} />
    </section>
  );
}

type SyncView =
  | { state: 'idle' }
  | { state: 'running'; progress: SyncProgress }
  | { state: 'done'; height: number; policyNote: string | null }
  | { state: 'cancelled' }
  | { state: 'failed'; message: string };

function SyncPanel() {
  const { t, lang } = useI18n();
  const online = useOnline();
  const now = useNow(15_000);
  const changed = useAppEvent('data-changed');
  const [summary, setSummary] = useState<CacheSummary | null>(null);
  const [view, setView] = useState<SyncView>({ state: 'idle' });
  const [persist, setPersist] = useState<string | null>(null);
  const ctrl = useRef<AbortController | null>(null);

  useEffect(() => {
    let live = true;
    cacheSummary().then(
      (s) => live && setSummary(s),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [changed]);

  useEffect(() => () => ctrl.current?.abort(), []);

  const start = useCallback(async () => {
    const c = new AbortController();
    ctrl.current = c;
    setView({ state: 'running', progress: { phase: 'policy' } });
    // The inspector depends on this cache all day: ask the browser not to evict it.
    void requestPersistentStorage().then((r) => setPersist(persistText(t, r)));
    try {
      const r = await syncAll({ signal: c.signal, onProgress: (p) => setView({ state: 'running', progress: p }) });
      const policyNote = r.policy.status === 'rejected' ? t.syncPolicyRejected : r.policy.status === 'updated' ? t.syncPolicyUpdated(r.policy.policy.sequence) : null;
      setView({ state: 'done', height: r.tipHeight, policyNote });
    } catch (e) {
      if (c.signal.aborted || (e instanceof LedgerError && e.code === 'ABORTED')) setView({ state: 'cancelled' });
      else setView({ state: 'failed', message: syncErrorText(e, lang, t.syncOffline) });
    } finally {
      ctrl.current = null;
    }
  }, [t, lang]);

  const running = view.state === 'running';
  const percent = running ? syncPercent(view.progress) : view.state === 'done' ? 100 : 0;
  const phaseText = running
    ? view.progress.phase === 'policy'
      ? t.syncPolicy
      : view.progress.phase === 'revocations'
        ? t.syncRevocations
        : t.syncHeaders(view.progress.headers?.done ?? 0, view.progress.headers?.total ?? 0)
    : '';

  return (
    <>
      <section className="card" aria-labelledby="sync-heading" data-testid="sync-panel" data-state={view.state}>
        <h2 id="sync-heading">{t.syncTitle}</h2>
        <p className="hint">{t.syncIntro}</p>
        {running ? (
          <>
            <label htmlFor="sync-progress">{phaseText}</label>
            <progress id="sync-progress" max={100} value={percent} data-testid="sync-progress" data-phase={view.progress.phase}>
              {percent}%
            </progress>
            <div className="btn-row">
              <button type="button" className="btn danger" onClick={() => ctrl.current?.abort()} data-testid="sync-cancel">
                {t.syncCancel}
              </button>
            </div>
          </>
        ) : (
          <button type="button" className="btn primary big" disabled={!online} onClick={() => void start()} data-testid="sync-button">
            {t.syncButton}
          </button>
        )}
        {!online && !running && <p className="hint">{t.syncOffline}</p>}
        <div role="status" data-testid="sync-result">
          {view.state === 'done' && (
            <p className="notice ok">
              <Icon kind="ok" />
              <span>
                {t.syncDone(view.height)}
                {view.policyNote ? ` ${view.policyNote}` : ''}
              </span>
            </p>
          )}
          {view.state === 'cancelled' && (
            <p className="notice warn">
              <Icon kind="warn" />
              <span>{t.syncCancelled}</span>
            </p>
          )}
          {view.state === 'failed' && (
            <p className="notice bad">
              <Icon kind="bad" />
              <span>{t.syncFailed(view.message)}</span>
            </p>
          )}
          {persist && <p className={`notice ${persist === t.persistGranted ? 'ok' : 'warn'}`}>{persist}</p>}
        </div>
      </section>
      {summary && <CacheStatus summary={summary} now={now} />}
    </>
  );
}

function syncErrorText(e: unknown, lang: 'zh-CN' | 'en', offline: string): string {
  if (e instanceof LedgerError) {
    if (e.code === 'NETWORK') return offline;
    if (e.reason) return LEDGER_REASON_TEXT[lang][e.reason];
    return e.code;
  }
  return e instanceof Error ? e.message : String(e);
}
