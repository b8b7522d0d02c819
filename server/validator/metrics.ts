// A validator's own figures on GET /metrics: its answers to the sequencer's proposals (signed, or
// refused with the reason) and the height of its copy of the chain.

import { Counter, Gauge } from 'prom-client';
import type { ServerMetrics } from '../http/metrics';
import type { ValidatorStore } from '../store/validator-store';

export function registerValidatorMetrics(m: ServerMetrics, store: ValidatorStore): void {
  const registers = [m.registry];
  const answers = new Counter({
    name: 'sanma_proposals_answered_total',
    help: 'Answers to POST /v1/propose: result="signed", or "refused" with the reason.',
    labelNames: ['result', 'reason'],
    registers,
  });
  m.onAnswer('POST', '/v1/propose', ({ status, error }) => {
    if (status === 200) answers.inc({ result: 'signed', reason: 'none' });
    else answers.inc({ result: 'refused', reason: error });
  });
  new Gauge({ name: 'sanma_block_height', help: 'Height of this validator’s copy of the chain.', registers, collect() { this.set(store.chain.tip().height); } });
}
