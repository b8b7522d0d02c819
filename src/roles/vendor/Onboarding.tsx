// First run (docs/DESIGN.md §2 vendor step 1): the Ed25519 key is created on this device (or imported:
// a demo vendor's key when the deployment offers demo vendors, or a pasted backup). The secret
// key is stored locally only. Persistent storage is requested here, where losing data would cost
// the vendor their key, and the answer is shown.

import { useEffect, useId, useState, type FormEvent } from 'react';
import { fromHex, publicKeyFromSecret, randomSecretKey } from '../../core';
import { useI18n } from '../../app/i18n';
import { persistText } from '../../app/persist';
import { parseDemoVendors, type DemoVendor } from './vendor-model';
import { getConfig, getStore } from '../../app/services';
import { requestPersistentStorage } from '../../platform/pwa';

export function Onboarding({ onDone }: { onDone: (persistResult: string) => void }) {
  const { t } = useI18n();
  const hexId = useId();
  const demoId = useId();
  const [demo, setDemo] = useState<DemoVendor[] | null>(null);
  const [demoPick, setDemoPick] = useState('');
  const [hex, setHex] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    getConfig()
      .then(async (c) => {
        if (!c.demoVendors) return [];
        const res = await fetch('/demo/vendors.json', { cache: 'no-cache' });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return parseDemoVendors(await res.json());
      })
      .then(
        (list) => live && setDemo(list),
        () => live && setDemo(null),
      );
    return () => {
      live = false;
    };
  }, []);

  const save = async (secretKey: Uint8Array) => {
    setBusy(true);
    setError(null);
    try {
      const { store } = await getStore();
      await store.putVendorKey({ secretKey, publicKey: publicKeyFromSecret(secretKey), createdAt: Date.now() });
      const persisted = await requestPersistentStorage();
      onDone(persistText(t, persisted));
    } catch (e) {
      setError(e instanceof Error && e.message.startsWith('QUOTA_EXCEEDED') ? t.storageFull : String(e));
    } finally {
      setBusy(false);
    }
  };

  const importHex = (e: FormEvent) => {
    e.preventDefault();
    const clean = hex.replace(/\s+/g, '').toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(clean)) {
      setError(t.importHexInvalid);
      return;
    }
    void save(fromHex(clean));
  };

  const importDemo = (e: FormEvent) => {
    e.preventDefault();
    const v = demo?.find((d) => d.stallNo === demoPick);
    if (v) void save(fromHex(v.secretKeyHex.toLowerCase()));
  };

  return (
    <div data-testid="onboarding">
      <section className="card" aria-labelledby="onboard-heading">
        <h2 id="onboard-heading">{t.onboardTitle}</h2>
        <p>{t.onboardIntro}</p>
        <button type="button" className="btn primary big" disabled={busy} onClick={() => void save(randomSecretKey())} data-testid="create-key">
          {t.createKey}
        </button>
      </section>

      {demo && demo.length > 0 && (
        <section className="card" aria-labelledby="demo-heading">
          <h2 id="demo-heading">{t.importDemo}</h2>
          <form onSubmit={importDemo}>
            <label htmlFor={demoId}>{t.importDemoPick}</label>
            <select id={demoId} value={demoPick} onChange={(e) => setDemoPick(e.target.value)} data-testid="demo-vendor-select">
              <option value="">—</option>
              {demo.map((d) => (
                <option key={d.stallNo} value={d.stallNo}>
                  {d.stallNo} · {d.stallName}
                </option>
              ))}
            </select>
            <div className="btn-row">
              <button type="submit" className="btn" disabled={busy || !demoPick} data-testid="demo-vendor-import">
                {t.importButton}
              </button>
            </div>
          </form>
        </section>
      )}

      <section className="card" aria-labelledby="import-heading">
        <h2 id="import-heading">{t.importHex}</h2>
        <form onSubmit={importHex}>
          <label htmlFor={hexId}>{t.importHexLabel}</label>
          <input
            id={hexId}
            type="text"
            className="mono"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            value={hex}
            onChange={(e) => setHex(e.target.value)}
            aria-invalid={error === t.importHexInvalid}
            data-testid="import-hex"
          />
          <div className="btn-row">
            <button type="submit" className="btn" disabled={busy || hex.trim() === ''}>
              {t.importButton}
            </button>
          </div>
        </form>
      </section>
      {error && (
        <p className="notice bad" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
