// Enrolment request (public key + stall number as QR and text for the market office) and the
// registration and credential status from the ledger (GET /v1/vendors/:key). The last answer is
// kept as the vendor profile, so publishing works from what was fetched while online.

import { useCallback, useEffect, useId, useState } from 'react';
import type { VendorStatus } from '../../platform/ledger';
import type { VendorProfile } from '../../platform/store';
import { useI18n } from '../../app/i18n';
import { useOnline } from '../../app/hooks';
import { getLedger, getStore } from '../../app/services';
import { formatDate, groupHex } from '../../app/format';
import { QrImage } from '../../app/components/QrImage';
import { CopyButton } from '../../app/components/CopyButton';
import { Icon } from '../../app/components/icons';
import { enrolmentText, profileFromStatus } from './vendor-model';
import { CodeBox } from '../../app/components/CodeBox';

const ENROL_STALL_KEY = 'sanma.vendor.enrolStall';

export function Registration({ publicKeyHex, profile, onProfile }: { publicKeyHex: string; profile: VendorProfile | null; onProfile: (p: VendorProfile | null) => void }) {
  const { t, lang } = useI18n();
  const online = useOnline();
  const [status, setStatus] = useState<VendorStatus | null>(null);
  const [fetchState, setFetchState] = useState<'idle' | 'loading' | 'failed'>('idle');

  const refresh = useCallback(async () => {
    setFetchState('loading');
    try {
      const ledger = await getLedger();
      const s = await ledger.vendorStatus(publicKeyHex);
      setStatus(s);
      const p = profileFromStatus(s, Date.now());
      if (p) {
        const { store } = await getStore();
        await store.putVendorProfile(p);
      }
      onProfile(p);
      setFetchState('idle');
    } catch {
      setFetchState('failed');
    }
  }, [publicKeyHex, onProfile]);

  useEffect(() => {
    // Fetching the ledger's view of this key is the external system this effect synchronises with.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (online) void refresh();
  }, [online, refresh]);

  const registered = profile !== null;

  return (
    <>
      <section className="card" aria-labelledby="reg-heading" data-testid="registration" data-registered={registered}>
        <h2 id="reg-heading">{t.registrationTitle}</h2>
        {!online && profile && <p className="hint">{t.registrationOffline}</p>}
        {fetchState === 'failed' && (
          <p className="notice warn" role="status">
            {t.registrationFetchFailed}
          </p>
        )}
        {profile ? (
          <>
            <p className="fact">
              <span className="pill ok">
                <Icon kind="ok" />
                {t.registeredStall(profile.stallNo, profile.stallName)}
              </span>
            </p>
            {profile.health ? (
              <p className="fact" data-testid="credential">
                <Icon kind="ok" className="status-icon icon-ok" />
                <span>{t.credentialLine(`#${profile.health.height}:${profile.health.index}`, formatDate(profile.health.validUntil, lang))}</span>
              </p>
            ) : (
              <p className="notice bad" data-testid="credential">
                <Icon kind="bad" />
                <span>{status && status.credentials.length > 0 ? t.credentialAllExpired : t.credentialNone}</span>
              </p>
            )}
            <h3>{t.channelsTitle}</h3>
            <ul>
              {profile.channels.map((c, i) => (
                <li key={i}>
                  {c.label} <span className="hint">({c.type === 'emv' ? 'EMV' : 'URL'})</span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          fetchState !== 'loading' && <p>{t.registrationNone}</p>
        )}
        <div className="btn-row">
          <button type="button" className="btn" disabled={!online || fetchState === 'loading'} onClick={() => void refresh()} data-testid="registration-refresh">
            {fetchState === 'loading' ? t.loading : t.registrationRefresh}
          </button>
        </div>
      </section>
      <Enrolment publicKeyHex={publicKeyHex} open={!registered} defaultStall={profile?.stallNo ?? ''} />
    </>
  );
}

function Enrolment({ publicKeyHex, open, defaultStall }: { publicKeyHex: string; open: boolean; defaultStall: string }) {
  const { t } = useI18n();
  const id = useId();
  const [stallNo, setStallNo] = useState(() => localStorage.getItem(ENROL_STALL_KEY) ?? defaultStall);
  const text = enrolmentText(stallNo, publicKeyHex);
  return (
    <details className="card" open={open} data-testid="enrolment">
      <summary>
        <h2 style={{ display: 'inline' }}>{t.enrolTitle}</h2>
      </summary>
      <p>{t.enrolIntro}</p>
      <label htmlFor={id}>{t.enrolStallLabel}</label>
      <input
        id={id}
        type="text"
        value={stallNo}
        placeholder={t.enrolStallHint}
        autoCapitalize="characters"
        maxLength={16}
        onChange={(e) => {
          setStallNo(e.target.value);
          try {
            localStorage.setItem(ENROL_STALL_KEY, e.target.value);
          } catch {
            // Not kept across reloads in private mode; the field still works.
          }
        }}
        data-testid="enrol-stall"
      />
      {stallNo.trim() !== '' && (
        <>
          <div className="enrol-qr">
            <QrImage text={text} alt={`${t.enrolTitle}: ${stallNo}`} testId="enrol-qr" />
          </div>
          <CodeBox text={text} label={t.enrolTitle} testId="enrol-text" />
          <div className="btn-row">
            <CopyButton text={text} />
          </div>
        </>
      )}
      <h3>{t.yourKey}</h3>
      <CodeBox text={groupHex(publicKeyHex)} label={t.yourKey} testId="public-key" />
    </details>
  );
}
