// `sanma ledger`: the sequencer process: its SQLite store, the block loop and the public API.

import { DataDir } from '../datadir';
import { warmUpCrypto } from '../warm-up';
import { consoleLog, createHttpServer, listen } from '../http/common';
import { registerMetrics } from '../http/metrics';
import { SequencerStore } from '../store/sequencer-store';
import { RECORD_BODY_LIMIT, registerLedgerApi } from './api';
import { Ingest } from './ingest';
import { registerLedgerMetrics } from './metrics';
import { DEFAULT_RATE_LIMITS, SubmissionLimits, type RateLimits } from './rate-limit';
import { Sequencer } from './sequencer';

export interface LedgerOptions {
  dataDir: string;
  host: string;
  port: number;
  validatorUrls: string[];
  blockIntervalMs: number;
  corsOrigins: string[];
  maxRecordsPerBlock?: number;
  rateLimits?: RateLimits;
  quiet?: boolean;
}

export interface RunningLedger {
  url: string;
  port: number;
  sequencer: Sequencer;
  close(): Promise<void>;
}

export async function runLedger(opts: LedgerOptions): Promise<RunningLedger> {
  const log = consoleLog('[ledger]', opts.quiet);
  warmUpCrypto();
  const dir = new DataDir(opts.dataDir);
  const { policy, bytes: signedPolicy } = dir.policy();
  const store = SequencerStore.open(dir.sequencerDb);
  store.chain.initGenesis(dir.genesis());
  const sequencer = new Sequencer(store, policy, opts.validatorUrls, { intervalMs: opts.blockIntervalMs, proposalToken: dir.proposalToken(), log, ...(opts.maxRecordsPerBlock ? { maxRecordsPerBlock: opts.maxRecordsPerBlock } : {}) });
  const ingest = new Ingest(store, policy);
  const app = createHttpServer({ bodyLimit: RECORD_BODY_LIMIT, log, corsOrigins: opts.corsOrigins });
  registerLedgerMetrics(registerMetrics(app, 'ledger'), store, sequencer);
  registerLedgerApi(app, { store, ingest, sequencer, signedPolicy, chainId: policy.chainId, limits: new SubmissionLimits(opts.rateLimits ?? DEFAULT_RATE_LIMITS) });
  const port = await listen(app, opts.host, opts.port);
  sequencer.start();
  const tip = store.chain.tip();
  log.info(`chain ${policy.chainId} at height ${tip.height}, ${store.pendingCount()} pending; validators ${opts.validatorUrls.join(', ')}`);
  let closed = false;
  return {
    url: `http://${opts.host}:${port}`,
    port,
    sequencer,
    async close() {
      if (closed) return;
      closed = true;
      await sequencer.stop();
      await app.close();
      store.close();
    },
  };
}
