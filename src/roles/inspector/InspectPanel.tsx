// Continuous inspection scanning: each new code (the scan loop drops repeats within 5 s) is
// verified offline against the cached headers and shown with every check; the inspector adds a
// note and a pass/fail finding, saved to the local inspection log.

import { lazy, Suspense, useCallback, useId, useState } from 'react';
import { useI18n } from '../../app/i18n';
import { useAnnounce } from '../../app/announcer';
import { useVerification } from '../../app/useVerification';
import { VerdictPanel } from '../../app/components/VerdictPanel';
import { PhotoButton } from '../../app/components/PhotoButton';
import { Icon, ScanIcon } from '../../app/components/icons';
import { getStore } from '../../app/services';
import { problemReasons } from '../../app/verdict-model';
import type { InspectionResult } from '../../platform/store';

const Scanner = lazy(() => import('../../app/components/Scanner'));

export function InspectPanel({ onSaved }: { onSaved: () => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const noteId = useId();
  const [scanning, setScanning] = useState(false);
  const [count, setCount] = useState(0);
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const { state, verify } = useVerification({ syncBudgetMs: 0, remember: false });

  const onText = useCallback(
    (text: string) => {
      setCount((n) => n + 1);
      setNote('');
      setSaved(null);
      setSaveError(null);
      void verify(text);
    },
    [verify],
  );

  const verdict = state.phase === 'done' && state.outcome.kind === 'verdict' ? state.outcome.verdict : null;

  const save = async (result: InspectionResult) => {
    if (!verdict || state.phase !== 'done') return;
    const stallNo = verdict.code?.stallNo ?? t.inspectUnknownStall;
    try {
      const { store } = await getStore();
      await store.addInspection({ stallNo, text: state.text, status: verdict.status, reasons: problemReasons(verdict), note: note.trim(), result, time: Date.now() });
      const msg = t.inspectSaved(stallNo);
      setSaved(msg);
      announce(msg);
      setNote('');
      onSaved();
    } catch (e) {
      setSaveError(e instanceof Error && e.message.startsWith('QUOTA_EXCEEDED') ? t.storageFull : String(e));
    }
  };

  return (
    <section className="card" aria-labelledby="inspect-heading" data-testid="inspect-panel">
      <h2 id="inspect-heading">{t.scanTitle}</h2>
      {scanning ? (
        <>
          <Suspense fallback={null}>
            <Scanner variant="inline" continuous onText={onText} repeatAfterMs={5000} />
          </Suspense>
          <button type="button" className="btn danger block" onClick={() => setScanning(false)} data-testid="scan-stop">
            {t.scanStop}
          </button>
        </>
      ) : (
        <button type="button" className="btn primary big" onClick={() => setScanning(true)} data-testid="scan-button">
          <ScanIcon />
          {t.scanStart}
        </button>
      )}
      <div className="btn-row">
        <PhotoButton onText={onText} />
      </div>
      {count > 0 && <p className="hint">{t.scanCount(count)}</p>}

      <VerdictPanel state={state} showPayment={false} headingLevel={3} />

      {verdict && (
        <div className="card" data-testid="inspect-finding">
          <label htmlFor={noteId}>{t.inspectNote}</label>
          <textarea id={noteId} value={note} placeholder={t.inspectNotePlaceholder} maxLength={500} onChange={(e) => setNote(e.target.value)} aria-describedby={`${noteId}-warning`} data-testid="inspect-note" />
          <small id={`${noteId}-warning`} className="hint">{t.inspectNoteWarning}</small>
          <div className="btn-row">
            <button type="button" className="btn ok primary" onClick={() => void save('pass')} data-testid="inspect-pass">
              {t.inspectPass}
            </button>
            <button type="button" className="btn danger primary" onClick={() => void save('fail')} data-testid="inspect-fail">
              {t.inspectFail}
            </button>
          </div>
          {saved && (
            <p className="notice ok" data-testid="inspect-saved">
              <Icon kind="ok" />
              <span>{saved}</span>
            </p>
          )}
          {saveError && (
            <p className="notice bad" role="alert">
              {saveError}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
