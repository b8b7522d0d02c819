// /shopper: one big scan button, "read from a photo" as the fallback, the data's age, and the
// local scan history. A scanned text is verified on the device and shown in place; it is never
// navigated to.

import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { VerdictStatus } from '../../core';
import { useI18n } from '../../app/i18n';
import { useAppEvent, useNow, useOnline } from '../../app/hooks';
import { useVerification } from '../../app/useVerification';
import { VerdictPanel } from '../../app/components/VerdictPanel';
import { CacheStatus } from '../../app/components/CacheStatus';
import { Icon, ScanIcon, VERDICT_ICON, VERDICT_TONE } from '../../app/components/icons';
import { PhotoButton } from '../../app/components/PhotoButton';
import { STATUS_TEXT } from '../../app/i18n/reasons';
import { cacheSummary, getStore, quickSync, type CacheSummary } from '../../app/services';
import { formatDateTime } from '../../app/format';
import { claimedStall } from '../../app/verdict-model';
import { SCAN_HISTORY_MAX, type ScanEntry } from '../../platform/store';

const Scanner = lazy(() => import('../../app/components/Scanner'));

export default function ShopperScreen() {
  const { t } = useI18n();
  const [scanning, setScanning] = useState(() => new URLSearchParams(window.location.search).get('scan') === '1');
  const { state, verify, reset } = useVerification({ syncBudgetMs: 4000, remember: true });

  // "Scan another" from a verdict link opens the camera at once; drop the flag so a reload does not.
  useEffect(() => {
    if (new URLSearchParams(window.location.search).has('scan')) window.history.replaceState(null, '', '/shopper');
  }, []);

  const onText = useCallback(
    (text: string) => {
      setScanning(false);
      void verify(text);
    },
    [verify],
  );

  if (state.phase !== 'idle') {
    return (
      <section>
        {state.phase !== 'done' && <h1 className="visually-hidden">{t.verdictTitle}</h1>}
        <VerdictPanel
          state={state}
          actions={
            <div className="btn-row">
              <button
                type="button"
                className="btn primary big"
                data-testid="scan-again"
                onClick={() => {
                  reset();
                  setScanning(true);
                }}
              >
                <ScanIcon />
                {t.scanAgain}
              </button>
              <button type="button" className="btn block" onClick={reset}>
                {t.back}
              </button>
            </div>
          }
        />
        {scanning && (
          <Suspense fallback={null}>
            <Scanner continuous={false} onText={onText} onClose={() => setScanning(false)} />
          </Suspense>
        )}
      </section>
    );
  }

  return (
    <section aria-labelledby="shopper-heading">
      <h1 id="shopper-heading">{t.shopperTitle}</h1>
      <button type="button" className="btn primary big" data-testid="scan-button" onClick={() => setScanning(true)}>
        <ScanIcon />
        {t.scanButton}
      </button>
      <div className="btn-row">
        <PhotoButton onText={onText} />
      </div>
      {scanning && (
        <Suspense fallback={null}>
          <Scanner continuous={false} onText={onText} onClose={() => setScanning(false)} />
        </Suspense>
      )}
      <ShopperCache />
      <ScanHistory onOpen={(text) => void verify(text)} />
    </section>
  );
}

/** Keeps a shopper's caches current while online, so a later offline scan has fresh data. */
function ShopperCache() {
  const now = useNow();
  const online = useOnline();
  const changed = useAppEvent('data-changed');
  const [summary, setSummary] = useState<CacheSummary | null>(null);

  useEffect(() => {
    if (online) void quickSync(15_000);
  }, [online]);

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

  if (!summary) return null;
  return <CacheStatus summary={summary} now={now} />;
}

function ScanHistory({ onOpen }: { onOpen: (text: string) => void }) {
  const { t, lang } = useI18n();
  const [entries, setEntries] = useState<ScanEntry[] | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    getStore()
      .then(({ store }) => store.listScans(SCAN_HISTORY_MAX))
      .then(
        (list) => live && setEntries(list),
        () => live && setEntries([]),
      );
    return () => {
      live = false;
    };
  }, [version]);

  const clear = async () => {
    if (!window.confirm(t.clearHistoryConfirm)) return;
    const { store } = await getStore();
    await store.clearScans();
    setVersion((v) => v + 1);
  };

  const remove = async (id: number | undefined) => {
    if (id === undefined) return;
    const { store } = await getStore();
    await store.deleteScan(id);
    setVersion((v) => v + 1);
  };

  return (
    <section className="card" aria-labelledby="history-heading" data-testid="scan-history">
      <h2 id="history-heading">{t.scanHistory}</h2>
      {entries === null ? null : entries.length === 0 ? (
        <p>{t.scanHistoryEmpty}</p>
      ) : (
        <>
          <ul className="plain-list">
            {entries.map((e) => (
              <li key={e.id ?? `${e.time}-${e.text}`} className="history-row">
                <button type="button" className="history-item" onClick={() => onOpen(e.text)} data-testid="history-item" data-status={e.status}>
                  <span className={`icon-${VERDICT_TONE[e.status]}`}>
                    <Icon kind={VERDICT_ICON[e.status]} />
                  </span>
                  <span className="grow">
                    <strong>{historyTitle(e.text, e.status, t.historyNotSanma)}</strong>
                    <small>
                      {STATUS_TEXT[lang][e.status]} · {formatDateTime(e.time, lang)}
                    </small>
                  </span>
                </button>
                <button type="button" className="btn icon-only" onClick={() => void remove(e.id)} aria-label={t.deleteEntry(`${historyTitle(e.text, e.status, t.historyNotSanma)} ${formatDateTime(e.time, lang)}`)} data-testid="history-delete">
                  <Icon kind="bad" />
                </button>
              </li>
            ))}
          </ul>
          <p className="hint">{t.scanHistoryKept}</p>
          <button type="button" className="btn danger" onClick={clear}>
            {t.clearHistory}
          </button>
        </>
      )}
    </section>
  );
}

/** A short label for a history entry (what the code claims; it is re-verified on tap). */
function historyTitle(text: string, status: VerdictStatus, notSanma: string): string {
  const stall = claimedStall(text);
  if (stall) return `${stall.stallNo} · ${stall.stallName}`;
  if (status === 'not-sanma') return `${notSanma}: ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`;
  return text.length > 24 ? `${text.slice(0, 24)}…` : text;
}
