// The sequencer's own figures on GET /metrics: records accepted and refused (by reason) on
// POST /v1/records, blocks committed, the chain's height, records waiting for a block, and
// whether each validator answered the last proposal or ping (and the error it gave).

import { Counter, Gauge } from 'prom-client';
import type { ServerMetrics } from '../http/metrics';
import type { SequencerStore } from '../store/sequencer-store';
import type { Sequencer } from './sequencer';

export function registerLedgerMetrics(m: ServerMetrics, store: SequencerStore, sequencer: Sequencer): void {
  const registers = [m.registry];
  const accepted = new Counter({ name: 'sanma_records_accepted_total', help: 'Records accepted on POST /v1/records (queued, or already held).', registers });
  const refused = new Counter({ name: 'sanma_records_refused_total', help: 'Records refused on POST /v1/records, by reason (a ledger rule, MALFORMED, RATE_LIMITED, …).', labelNames: ['reason'], registers });
  m.onAnswer('POST', '/v1/records', ({ status, error }) => {
    if (status === 200 || status === 202) accepted.inc();
    else refused.inc({ reason: error });
  });

  // Counted from the chain itself, so the figure is right whatever path committed the block.
  let lastHeight = store.chain.tip().height;
  new Counter({
    name: 'sanma_blocks_committed_total',
    help: 'Blocks committed by this process since it started.',
    registers,
    collect() {
      const height = store.chain.tip().height;
      if (height > lastHeight) this.inc(height - lastHeight);
      lastHeight = height;
    },
  });
  new Gauge({ name: 'sanma_block_height', help: 'Height of the newest quorum-signed block.', registers, collect() { this.set(store.chain.tip().height); } });
  new Gauge({ name: 'sanma_records_pending', help: 'Accepted records waiting for a block.', registers, collect() { this.set(store.pendingCount()); } });
  new Gauge({
    name: 'sanma_validator_up',
    help: 'Whether a validator answered the last proposal or health ping (1) or not (0).',
    labelNames: ['validator'],
    registers,
    collect() {
      for (const p of sequencer.peers) this.set({ validator: p.url }, p.reachable ? 1 : 0);
    },
  });
  new Gauge({
    name: 'sanma_validator_error',
    help: 'The error of a validator’s last answer (1 for the current one; absent when it signed).',
    labelNames: ['validator', 'error'],
    registers,
    collect() {
      this.reset();
      for (const p of sequencer.peers) if (p.lastError) this.set({ validator: p.url, error: p.lastError }, 1);
    },
  });
}
