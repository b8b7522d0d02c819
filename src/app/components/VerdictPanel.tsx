// A verification in progress or done: "checking…", the verdict, or why there is none.

import type { ReactNode } from 'react';
import type { VerificationState } from '../useVerification';
import { useI18n } from '../i18n';
import { useAnnounce } from '../announcer';
import { Icon } from './icons';
import { VerdictView, useVerdictArrival } from './VerdictView';

export function VerdictPanel({
  state,
  showPayment = true,
  actions,
  headingLevel = 1,
}: {
  state: VerificationState;
  showPayment?: boolean;
  actions?: ReactNode;
  headingLevel?: 1 | 3;
}) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const verdict = state.phase === 'done' && state.outcome.kind === 'verdict' ? state.outcome.verdict : null;
  const headingRef = useVerdictArrival(verdict, announce);

  if (state.phase === 'idle') return null;
  if (state.phase === 'checking') {
    return (
      <p className="notice" aria-busy="true" data-testid="verdict-checking">
        <span>{t.checkingOnline}</span>
      </p>
    );
  }
  if (state.phase === 'error') {
    return (
      <div className="notice bad" role="alert" data-testid="verdict-error">
        <Icon kind="bad" />
        <div>
          <p>
            <strong>{t.errorTitle}</strong>
          </p>
          <p className="mono">{state.error instanceof Error ? state.error.message : String(state.error)}</p>
        </div>
      </div>
    );
  }
  if (state.outcome.kind === 'no-policy') {
    return (
      <div className="notice warn" role="alert" data-testid="verdict-no-policy">
        <Icon kind="warn" />
        <p>{t.noPolicy}</p>
      </div>
    );
  }
  const o = state.outcome;
  return (
    <>
      <VerdictView verdict={o.verdict} trust={o.trust} now={o.now} headingRef={headingRef} headerFetchFailed={o.headerFetchFailed} showPayment={showPayment} headingLevel={headingLevel} />
      {actions}
    </>
  );
}
