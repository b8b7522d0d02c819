// The verdict screen (README "What a shopper sees"): one big status with icon AND words, the
// stall number and name large (to compare with the physical stall), health credential, today's
// produce, the anchor, the age of the data it rests on, payment, and every check in plain words.
// Shared by the shopper (/c, scans) and the inspector (with all detail). Never greener than the
// truth: an invalid code shows its reasons and at most its claimed stall number, marked
// unverified, with none of its content and no passed checks (as EU DCC verifier apps do); a code
// whose anchor could not be checked shows its content marked unconfirmed, with no green badges.

import { useEffect, useRef, type Ref } from 'react';
import { marketDay, type Batch, type StallCode, type TrustState, type Verdict } from '../../core';
import { useI18n } from '../i18n';
import { CHECK_TITLE, STATUS_ADVICE, STATUS_TEXT, checkText } from '../i18n/reasons';
import { INSPECTOR_ADVICE } from '../i18n/inspector';
import { ageSeconds, formatAgo, formatDate, formatDateTime, formatDay, formatQuantity } from '../format';
import { contentTrust, healthState, shownCheckStatus, sortChecks } from '../verdict-model';
import { CHECK_ICON, Icon, VERDICT_ICON } from './icons';
import { PaymentHandoff } from './PaymentHandoff';
import { CodeBox } from './CodeBox';

type SubHeading = 'h2' | 'h4';

export interface VerdictViewProps {
  verdict: Verdict;
  trust: TrustState | null;
  now: number;
  /** Ref of the status heading: the screen focuses it when the verdict arrives. */
  headingRef?: Ref<HTMLHeadingElement>;
  headerFetchFailed?: boolean;
  /** Inspector: payment actions are not needed. */
  showPayment?: boolean;
  /** 1 on a verdict screen; 3 inside the inspector's scan panel (its sections then use h4). */
  headingLevel?: 1 | 3;
}

export function VerdictView({ verdict, trust, now, headingRef, headerFetchFailed, showPayment = true, headingLevel = 1 }: VerdictViewProps) {
  const { t, lang } = useI18n();
  const code = verdict.code;
  const H = headingLevel === 1 ? 'h1' : 'h3';
  const Sub: SubHeading = headingLevel === 1 ? 'h2' : 'h4';
  // The main reasons right under the status, for a shopper who reads nothing else.
  const problems = sortChecks(verdict.checks)
    .filter((c) => c.status !== 'pass')
    .slice(0, 3);
  const content = contentTrust(verdict);
  // Under a red verdict a "passed" line would vouch for data the failure makes meaningless.
  const listed = sortChecks(verdict.checks).filter((c) => content !== 'hidden' || c.status !== 'pass');
  const today = trust ? marketDay(now, trust.policy) : null;
  return (
    <article className="verdict" aria-labelledby="verdict-heading">
      <div className={`verdict-banner ${verdict.status}`} data-testid="verdict-status" data-status={verdict.status}>
        <Icon kind={VERDICT_ICON[verdict.status]} />
        <div>
          <H id="verdict-heading" className="verdict-word" ref={headingRef} tabIndex={-1}>
            {STATUS_TEXT[lang][verdict.status]}
          </H>
          <p>{(showPayment ? STATUS_ADVICE : INSPECTOR_ADVICE)[lang][verdict.status]}</p>
          {problems.length > 0 && (
            <ul className="problems" data-testid="verdict-problems">
              {problems.map((c) => (
                <li key={c.id}>{checkText(c, code, lang)}</li>
              ))}
            </ul>
          )}
        </div>
      </div>

      {headerFetchFailed && (
        <div className="notice warn">
          <Icon kind="warn" />
          <p>{t.fetchHeaderFailed}</p>
        </div>
      )}

      {code && content !== 'hidden' && <StallIdentity code={code} />}
      {code && content === 'hidden' && <ClaimedStallNo code={code} />}
      {verdict.status === 'unknown-market' && verdict.chainId && (
        <p className="hint" data-testid="other-market">
          {t.otherMarket(verdict.chainId)}
        </p>
      )}
      {verdict.status === 'not-sanma' && verdict.other && <OtherCode other={verdict.other} Sub={Sub} />}

      {code && content !== 'hidden' && (
        <>
          <HealthCard verdict={verdict} code={code} Sub={Sub} />
          <ProduceCard batches={code.batches} today={today} confirmed={content === 'verified'} Sub={Sub} />
          {showPayment && <PaymentHandoff verdict={verdict} channels={code.channels} stallNo={code.stallNo} Sub={Sub} />}
        </>
      )}

      {listed.length > 0 && (
        <section className="card" aria-labelledby="checks-heading">
          <Sub id="checks-heading">{t.checksTitle}</Sub>
          {verdict.anchor && (
            <p data-testid="anchor-line">
              {verdict.anchor.time !== undefined
                ? t.anchorLine(verdict.anchor.height, formatDateTime(verdict.anchor.time, lang), verdict.anchor.threshold, verdict.anchor.validators)
                : t.anchorPending(verdict.anchor.height)}
            </p>
          )}
          {trust && (
            <p className="hint" data-testid="data-age">
              {t.dataAge(ageText(trust.headersSyncedAt, now, lang, t.cacheNever, t.cacheUpdated), ageText(trust.revocationsSyncedAt, now, lang, t.cacheNever, t.cacheUpdated))}
            </p>
          )}
          <ul className="check-list">
            {listed.map((c) => ({ c, shown: shownCheckStatus(c, content) })).map(({ c, shown }) => (
              <li key={c.id} className={shown} data-check-id={c.id} data-check-status={c.status} data-reason={c.reason}>
                <Icon kind={CHECK_ICON[shown]} />
                <div>
                  <span className="check-title">{CHECK_TITLE[lang][c.id]}</span>
                  <span className="check-state">· {{ pass: t.checkPass, fail: t.checkFail, unknown: t.checkUnknown }[shown]}</span>
                  <p>{checkText(c, code, lang)}</p>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

function ageText(at: number | null, now: number, lang: 'zh-CN' | 'en', never: string, updated: (ago: string) => string): string {
  const s = ageSeconds(at, now);
  return s === null ? never : updated(formatAgo(s, lang));
}

function StallIdentity({ code }: { code: StallCode }) {
  const { t } = useI18n();
  return (
    <div className="stall-id">
      <div>
        <span className="label">{t.stallNo}</span>
        <span className="stall-no" data-testid="stall-no">
          {code.stallNo}
        </span>
      </div>
      <div>
        <span className="label">{t.stallName}</span>
        <span className="stall-name" data-testid="stall-name">
          {code.stallName}
        </span>
      </div>
    </div>
  );
}

function ClaimedStallNo({ code }: { code: StallCode }) {
  const { t } = useI18n();
  return (
    <div className="stall-id claimed" data-testid="stall-claimed">
      <div>
        <span className="label">{t.stallNoClaimed}</span>
        <span className="stall-no unverified" data-testid="stall-no">
          <s>{code.stallNo}</s>
        </span>
      </div>
    </div>
  );
}

function HealthCard({ verdict, code, Sub }: { verdict: Verdict; code: StallCode; Sub: SubHeading }) {
  const { t, lang } = useI18n();
  const state = healthState(verdict.checks);
  const until = formatDate(code.health.validUntil, lang);
  const pill =
    state === 'valid'
      ? { tone: 'ok', icon: 'ok', word: t.healthValid }
      : state === 'expired'
        ? { tone: 'bad', icon: 'bad', word: t.healthExpired }
        : state === 'revoked'
          ? { tone: 'bad', icon: 'bad', word: t.healthRevoked }
          : { tone: 'warn', icon: 'warn', word: t.healthUnknown };
  return (
    <section className="card" aria-labelledby="health-heading" data-testid="health" data-health={state}>
      <Sub id="health-heading">{t.healthTitle}</Sub>
      <p className="fact">
        <span className={`pill ${pill.tone}`}>
          <Icon kind={pill.icon as 'ok' | 'bad' | 'warn'} />
          {pill.word}
        </span>
        {/* A revoked certificate has no validity left to show. */}
        {state !== 'revoked' && <strong>{state === 'expired' ? t.healthExpiredOn(until) : t.healthValidUntil(until)}</strong>}
      </p>
    </section>
  );
}

function TestPill({ test, confirmed }: { test: Batch['test']; confirmed: boolean }) {
  const { t } = useI18n();
  // A result the anchor does not vouch for is a claim: no green badge for it.
  if (test === 'pass' && !confirmed)
    return (
      <span className="pill neutral">
        <Icon kind="info" />
        {t.testPass} · {t.produceClaimed}
      </span>
    );
  if (test === 'pass')
    return (
      <span className="pill ok">
        <Icon kind="ok" />
        {t.testPass}
      </span>
    );
  if (test === 'fail')
    return (
      <span className="pill bad">
        <Icon kind="bad" />
        {t.testFail}
      </span>
    );
  return (
    <span className="pill neutral">
      <Icon kind="info" />
      {t.testNone}
    </span>
  );
}

function ProduceCard({ batches, today, confirmed, Sub }: { batches: Batch[]; today: number | null; confirmed: boolean; Sub: SubHeading }) {
  const { t, lang } = useI18n();
  // "Today's" only when every batch is dated today in the market's time zone.
  const allToday = today !== null && batches.length > 0 && batches.every((b) => b.day === today);
  return (
    <section className="card" aria-labelledby="produce-heading">
      <Sub id="produce-heading">{allToday ? t.produceTitle : t.produceTitleAll}</Sub>
      {batches.length === 0 ? (
        <p>{t.produceNone}</p>
      ) : (
        <ul className="batch-list" data-testid="batches">
          {batches.map((b, i) => (
            <li key={i} data-testid="batch" data-test={b.test} data-today={today !== null && b.day === today}>
              <div className="batch-head">
                <span className="product">{b.product}</span>
                <TestPill test={b.test} confirmed={confirmed} />
              </div>
              {today !== null && b.day !== today && (
                <p className="pill warn" data-testid="batch-not-today">
                  <Icon kind="warn" />
                  {t.produceNotToday(formatDay(b.day, lang))}
                </p>
              )}
              <dl className="batch-meta">
                <dt>{t.produceQuantity}</dt>
                <dd>{formatQuantity(b.amount, b.unit, lang)}</dd>
                <dt>{t.produceOrigin}</dt>
                <dd>{b.origin}</dd>
                <dt>{t.produceSupplier}</dt>
                <dd>{b.supplier}</dd>
                <dt>{t.produceDate}</dt>
                <dd>{formatDay(b.day, lang)}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function OtherCode({ other, Sub }: { other: NonNullable<Verdict['other']>; Sub: SubHeading }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="other-heading" data-testid="other-code" data-kind={other.kind}>
      <Sub id="other-heading">{t.codeContent}</Sub>
      {other.kind === 'emv' && (
        <>
          <p>
            <strong>{other.payee ? t.otherEmv(other.payee, other.city ?? '') : t.otherEmvUnknown}</strong>
          </p>
          <div className="notice warn">
            <Icon kind="warn" />
            <p>{t.otherEmvWarn}</p>
          </div>
        </>
      )}
      {other.kind === 'url' && <p>{t.otherUrl}</p>}
      {other.kind === 'text' && <p>{t.otherText}</p>}
      {/* Shown as text only: a scanned URL is never a link and never navigated to. */}
      <CodeBox text={other.text} label={t.codeContent} testId="other-text" />
    </section>
  );
}

/** Focuses the verdict heading and announces the verdict whenever a new one arrives. */
export function useVerdictArrival(verdict: Verdict | null, announce: (text: string) => void) {
  const { t, lang } = useI18n();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!verdict) return;
    headingRef.current?.focus();
    const stall = verdict.code ? `${verdict.code.stallNo} ${verdict.code.stallName}` : '';
    announce(t.verdictAnnounce(STATUS_TEXT[lang][verdict.status], stall));
    // Announce once per verdict, not again when the language changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [verdict]);
  return headingRef;
}
