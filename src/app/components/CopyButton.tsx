// Copies a text to the clipboard and says so in words (the button label changes for a moment).

import { useState } from 'react';
import { useI18n } from '../i18n';

export function CopyButton({ text, label, className = 'btn' }: { text: string; label?: string; className?: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2500);
  };
  return (
    <>
      <button type="button" className={className} onClick={copy}>
        {state === 'copied' ? t.copied : (label ?? t.copy)}
      </button>
      {state === 'failed' && (
        <p className="error-text" role="alert">
          {t.copyFailed}
        </p>
      )}
    </>
  );
}
