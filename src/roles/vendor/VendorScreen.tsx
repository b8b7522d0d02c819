// /vendor (docs/DESIGN.md §2 vendor): first run creates or imports the key; then registration status,
// today's produce, publish (through the outbox), the code with its print layouts, and key backup.

import { useCallback, useEffect, useState } from 'react';
import { toHex } from '../../core';
import { useI18n } from '../../app/i18n';
import { getStore } from '../../app/services';
import type { VendorKey, VendorProfile } from '../../platform/store';
import { Onboarding } from './Onboarding';
import { Registration } from './Registration';
import { BatchEditor, useBatchDraft } from './BatchEditor';
import { Publish } from './Publish';
import { Backup } from './Backup';

export default function VendorScreen() {
  const { t } = useI18n();
  const [key, setKey] = useState<VendorKey | null | undefined>(undefined);
  const [profile, setProfile] = useState<VendorProfile | null>(null);
  const [storeError, setStoreError] = useState(false);
  const [persist, setPersist] = useState<string | null>(null);
  const draft = useBatchDraft();

  const load = useCallback(async () => {
    const handle = await getStore();
    setStoreError(!handle.persistent);
    const [k, p] = await Promise.all([handle.store.getVendorKey(), handle.store.getVendorProfile()]);
    setKey(k ?? null);
    setProfile(p ?? null);
  }, []);

  useEffect(() => {
    // Loading from IndexedDB is the external system this effect synchronises with.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

  if (key === undefined) return <p aria-busy="true">{t.loading}</p>;

  return (
    <section aria-labelledby="vendor-heading">
      <h1 id="vendor-heading">{t.vendorTitle}</h1>
      {storeError && (
        <p className="notice bad" role="alert">
          {t.storeUnavailable}
        </p>
      )}
      {persist && (
        <p className={`notice ${persist === t.persistGranted ? 'ok' : 'warn'}`} role="status" data-testid="persist-result">
          {persist}
        </p>
      )}
      {key === null ? (
        <Onboarding
          onDone={(result) => {
            setPersist(result);
            void load();
          }}
        />
      ) : (
        <>
          <Registration publicKeyHex={toHex(key.publicKey)} profile={profile} onProfile={setProfile} />
          <BatchEditor draft={draft} />
          <Publish vendorKey={key} profile={profile} batches={draft.batches} />
          <Backup vendorKey={key} stallNo={profile?.stallNo ?? ''} />
        </>
      )}
    </section>
  );
}
