// Turns a scanned or linked text into a verdict: optionally a short sync first (a shopper online
// gets current data; bounded so a slow network never holds the verdict back), then the on-device
// verification, then the scan history entry.

import { useCallback, useEffect, useRef, useState } from 'react';
import { emit } from './events';
import { quickSync, verifyText, getStore, type VerifyOutcome } from './services';

export type VerificationState =
  | { phase: 'idle' }
  | { phase: 'checking'; text: string }
  | { phase: 'done'; text: string; outcome: VerifyOutcome }
  | { phase: 'error'; text: string; error: unknown };

export interface VerificationOptions {
  /** Sync (policy, headers, revocations) for at most this long first when online; 0 = never. */
  syncBudgetMs: number;
  /** Keep the scan in the local history. */
  remember: boolean;
}

export function useVerification(opts: VerificationOptions) {
  const [state, setState] = useState<VerificationState>({ phase: 'idle' });
  const run = useRef(0);
  const { syncBudgetMs, remember } = opts;

  useEffect(
    () => () => {
      run.current++;
    },
    [],
  );

  const verify = useCallback(
    async (text: string): Promise<VerifyOutcome | null> => {
      const id = ++run.current;
      setState({ phase: 'checking', text });
      try {
        const online = navigator.onLine;
        if (online && syncBudgetMs > 0) await quickSync(syncBudgetMs);
        const outcome = await verifyText(text, { online });
        if (id !== run.current) return null;
        setState({ phase: 'done', text, outcome });
        emit('verdict-shown');
        if (remember && outcome.kind === 'verdict') {
          const { store } = await getStore();
          await store.addScan({ text, status: outcome.verdict.status, time: outcome.now }).catch(() => {
            // History is a convenience: a full disk must not hide the verdict.
          });
        }
        return outcome;
      } catch (error) {
        if (id === run.current) setState({ phase: 'error', text, error });
        emit('verdict-shown');
        return null;
      }
    },
    [syncBudgetMs, remember],
  );

  const reset = useCallback(() => {
    run.current++;
    setState({ phase: 'idle' });
  }, []);

  return { state, verify, reset };
}
