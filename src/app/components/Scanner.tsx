// The camera scanner view (its own lazy chunk with the decoders, docs/DESIGN.md §6). Full screen for the
// shopper (stops after the first code); inline and continuous for the inspector, with a beep and
// a vibration per new code and no repeat of the same code within seconds. Scanned texts go to
// `onText` only; nothing is ever navigated to.

import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n';
import { scannerErrorText } from './scanner-text';
import { ScannerError, type CameraSession, type ScannerErrorCode } from '../../platform/scanner/contract';
import { createFeedback, createScanLoop, openCamera, openDecoder } from '../../platform/scanner';

export interface ScannerProps {
  continuous: boolean;
  onText: (text: string) => void;
  onClose?: () => void;
  /** 'fullscreen' (shopper) or 'inline' (inspector). */
  variant?: 'fullscreen' | 'inline';
  /** Same code again only after this long (inspector). */
  repeatAfterMs?: number;
}

export default function Scanner({ continuous, onText, onClose, variant = 'fullscreen', repeatAfterMs = 5000 }: ScannerProps) {
  const { t } = useI18n();
  const videoRef = useRef<HTMLVideoElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const onTextRef = useRef(onText);
  const [session, setSession] = useState<CameraSession | null>(null);
  const [torch, setTorch] = useState(false);
  const [error, setError] = useState<ScannerErrorCode | 'UNKNOWN' | null>(null);

  useEffect(() => {
    onTextRef.current = onText;
  }, [onText]);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    const ctrl = new AbortController();
    const feedback = createFeedback();
    feedback.unlockAudio();
    let cam: CameraSession | null = null;
    (async () => {
      try {
        const [decoder, camera] = await Promise.all([openDecoder(), openCamera({ video, signal: ctrl.signal })]);
        cam = camera;
        if (ctrl.signal.aborted) return camera.stop();
        setSession(camera);
        const loop = createScanLoop({
          video,
          decoder,
          continuous,
          repeatAfterMs,
          signal: ctrl.signal,
          onText: (text) => {
            if (continuous) {
              feedback.beep('ok');
              feedback.vibrate(80);
            }
            onTextRef.current(text);
          },
        });
        loop.start();
      } catch (e) {
        if (ctrl.signal.aborted) return;
        setError(e instanceof ScannerError ? e.code : 'UNKNOWN');
      }
    })();
    return () => {
      ctrl.abort();
      cam?.stop();
    };
  }, [continuous, repeatAfterMs]);

  // The full-screen view is modal: focus its close button, Escape closes it.
  useEffect(() => {
    if (variant !== 'fullscreen') return;
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose?.();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [variant, onClose]);

  const controls = (
    <>
      {session?.torchSupported && (
        <button
          type="button"
          className="btn"
          aria-pressed={torch}
          onClick={async () => {
            const ok = await session.setTorch(!torch);
            if (ok) setTorch(!torch);
          }}
        >
          {torch ? t.torchOff : t.torchOn}
        </button>
      )}
      {session && (
        <button type="button" className="btn" onClick={() => void session.switchCamera()}>
          {t.switchCamera}
        </button>
      )}
    </>
  );

  if (variant === 'inline') {
    return (
      <div className="inline-scanner" data-testid="scanner" data-state={error ? 'error' : session ? 'running' : 'starting'}>
        <video ref={videoRef} muted playsInline aria-label={t.scannerTitle} />
        {error && (
          <p className="notice bad" role="alert">
            {scannerErrorText(t, error)}
          </p>
        )}
        {!error && !session && <p className="notice">{t.scannerStarting}</p>}
        <div className="btn-row">{controls}</div>
      </div>
    );
  }

  return (
    <div className="scanner" role="dialog" aria-modal="true" aria-labelledby="scanner-title" data-testid="scanner" data-state={error ? 'error' : session ? 'running' : 'starting'}>
      <div className="scanner-top">
        <h2 id="scanner-title">{t.scannerTitle}</h2>
        <button ref={closeRef} type="button" className="btn" onClick={onClose} data-testid="scanner-close">
          {t.close}
        </button>
      </div>
      <video ref={videoRef} muted playsInline />
      {!error && <div className="scanner-frame" aria-hidden="true" />}
      <div className="scanner-bottom">
        {error ? (
          <p role="alert">{scannerErrorText(t, error)}</p>
        ) : (
          <p aria-live="polite">{session ? t.scannerHint : t.scannerStarting}</p>
        )}
        <div className="btn-row">{controls}</div>
      </div>
    </div>
  );
}
