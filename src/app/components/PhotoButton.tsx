// "Read from a photo": the fallback when the camera is refused, missing or busy. The decoder is
// loaded on demand (it lives in the scanner chunk).

import { useId, useState, type ChangeEvent } from 'react';
import { useI18n } from '../i18n';
import { scannerErrorText } from './scanner-text';

export function PhotoButton({ onText }: { onText: (text: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onChange = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const scanner = await import('../../platform/scanner');
      const texts = await scanner.decodeImageFile(file);
      const first = texts[0];
      if (first === undefined) setError(t.noCodeInPhoto);
      else onText(first);
    } catch (err) {
      const code = err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : 'UNKNOWN';
      setError(scannerErrorText(t, code));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="photo-button">
      <label className="btn block file-btn" htmlFor={id} aria-busy={busy} data-testid="scan-photo">
        {busy ? t.loading : t.scanFromPhoto}
      </label>
      <input id={id} className="visually-hidden" type="file" accept="image/*" onChange={onChange} data-testid="scan-photo-input" />
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
