// Publish (docs/DESIGN.md §2 vendor step 3): build the stall-code record from the registration, the
// current health credential and today's batches; sign it on the device (purpose
// 'record/stall-code'); hand it to the outbox (queued offline, retried online); follow it to its
// block; then render the code from the checked inclusion proof.

import { useCallback, useEffect, useState } from 'react';
import { encodeRecord, recordPurpose, signFor, type Batch, type LedgerReason, type TrustPolicy } from '../../core';
import { stallCodeFromInclusion } from '../../platform/ledger';
import type { OutboxEntry, VendorKey, VendorProfile } from '../../platform/store';
import { useI18n } from '../../app/i18n';
import { LEDGER_REASON_TEXT } from '../../app/i18n/reasons';
import { ensurePolicy, getLedger, getStore } from '../../app/services';
import { useNow } from '../../app/hooks';
import { Icon } from '../../app/components/icons';
import { buildStallCode } from './vendor-model';
import { CodePanel } from './CodePanel';

const ENTRY_KEY = 'sanma.vendor.lastEntry';

function readEntryId(): string | null {
  try {
    return localStorage.getItem(ENTRY_KEY);
  } catch {
    return null;
  }
}

export function Publish({ vendorKey, profile, batches }: { vendorKey: VendorKey; profile: VendorProfile | null; batches: Batch[] }) {
  const { t, lang } = useI18n();
  const [entryId, setEntryId] = useState<string | null>(readEntryId);
  const [entry, setEntry] = useState<OutboxEntry | null>(null);
  const [policy, setPolicy] = useState<TrustPolicy | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pollTick, setPollTick] = useState(0);

  useEffect(() => {
    let live = true;
    getLedger()
      .then((l) => ensurePolicy(l))
      .then(
        (p) => live && setPolicy(p),
        () => live && setPolicy(null),
      );
    return () => {
      live = false;
    };
  }, []);

  // Follow the outbox entry until it is in a block or refused (the ledger client does the sending).
  useEffect(() => {
    if (!entryId) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const { store } = await getStore();
      const e = await store.outboxGet(entryId);
      if (!live) return;
      setEntry(e ?? null);
      if (e && (e.state === 'queued' || e.state === 'sent')) timer = setTimeout(poll, 1500);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [entryId, pollTick]);

  const now = useNow();
  const healthOk = profile?.health != null && profile.health.validUntil > now;
  const blocker = !profile ? t.publishNeedsRegistration : !healthOk ? t.publishNeedsHealth : policy === null ? t.publishNeedsPolicy : null;

  const publish = useCallback(async () => {
    if (!profile) return;
    setBusy(true);
    setError(null);
    try {
      const issuedAt = Date.now();
      const record = buildStallCode(profile, batches, issuedAt);
      const body = encodeRecord(record);
      const signature = signFor(recordPurpose('stall-code'), vendorKey.secretKey, body);
      const ledger = await getLedger();
      const e = await ledger.submit({ body, signature });
      const { store } = await getStore();
      await store.rememberBatches(batches, issuedAt).catch(() => {});
      try {
        localStorage.setItem(ENTRY_KEY, e.id);
      } catch {
        // The entry stays in the outbox; only its link from this screen is lost on reload.
      }
      setEntry(e);
      setEntryId(e.id);
    } catch (e) {
      setError(e instanceof Error && e.message.startsWith('QUOTA_EXCEEDED') ? t.storageFull : e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }, [profile, batches, vendorKey, t]);

  const retry = async () => {
    if (!entry) return;
    const ledger = await getLedger();
    await ledger.retry(entry.id);
    setPollTick((n) => n + 1);
  };

  const code = entry?.state === 'included' && entry.inclusion && policy ? stallCodeFromInclusion(policy, entry.inclusion).text : null;

  return (
    <>
      <section className="card" aria-labelledby="publish-heading">
        <h2 id="publish-heading">{t.publishTitle}</h2>
        {blocker && (
          <p className="notice warn" data-testid="publish-blocker">
            <Icon kind="warn" />
            <span>{blocker}</span>
          </p>
        )}
        <button type="button" className="btn primary big" disabled={busy || blocker !== null || policy === undefined} onClick={() => void publish()} data-testid="publish-button">
          {t.publishButton}
        </button>
        {error && (
          <p className="notice bad" role="alert">
            {error}
          </p>
        )}
        {entry && <OutboxState entry={entry} lang={lang} onRetry={retry} />}
      </section>
      {code && profile && <CodePanel text={code} stallNo={profile.stallNo} stallName={profile.stallName} />}
    </>
  );
}

function OutboxState({ entry, lang, onRetry }: { entry: OutboxEntry; lang: 'zh-CN' | 'en'; onRetry: () => void }) {
  const { t } = useI18n();
  const view = {
    queued: { tone: 'warn', icon: 'warn', text: t.outboxQueued },
    sent: { tone: 'warn', icon: 'warn', text: t.outboxSent },
    included: { tone: 'ok', icon: 'ok', text: t.outboxIncluded },
    failed: { tone: 'bad', icon: 'bad', text: t.outboxFailed },
  }[entry.state] as { tone: string; icon: 'ok' | 'warn' | 'bad'; text: string };
  const reason = entry.lastError && entry.lastError in LEDGER_REASON_TEXT[lang] ? LEDGER_REASON_TEXT[lang][entry.lastError as LedgerReason] : entry.lastError;
  return (
    <div className={`notice ${view.tone} outbox-state`} role="status" data-testid="outbox-state" data-state={entry.state}>
      <Icon kind={view.icon} />
      <div>
        <p>
          <strong>{view.text}</strong>
        </p>
        {entry.state === 'failed' && reason && <p data-testid="outbox-reason">{reason}</p>}
        {entry.state === 'queued' && entry.attempts > 0 && <p className="hint">{t.outboxAttempts(entry.attempts)}</p>}
        {entry.state === 'failed' && (
          <button type="button" className="btn" onClick={onRetry}>
            {t.outboxRetry}
          </button>
        )}
      </div>
    </div>
  );
}
