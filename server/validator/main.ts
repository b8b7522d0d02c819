// `sanma validator`: one validator process with its own key and database, serving
// POST /v1/propose and GET /v1/health on loopback (docs/API.md, "Sequencer ↔ validators").

import { timingSafeEqual } from 'node:crypto';
import { DataDir } from '../datadir';
import { warmUpCrypto } from '../warm-up';
import { ApiError, binaryBody, consoleLog, createHttpServer, listen } from '../http/common';
import { registerMetrics } from '../http/metrics';
import { ValidatorStore } from '../store/validator-store';
import { MAX_BLOCK_BYTES } from '../wire';
import { registerValidatorMetrics } from './metrics';
import { Validator } from './validator';

export interface ValidatorProcessOptions {
  dataDir: string;
  index: number;
  host: string;
  port: number;
  sequencerUrl: string | null;
  syncIntervalMs?: number;
  quiet?: boolean;
}

export interface RunningValidator {
  url: string;
  port: number;
  validator: Validator;
  close(): Promise<void>;
}

export async function runValidator(opts: ValidatorProcessOptions): Promise<RunningValidator> {
  const log = consoleLog(`[validator-${opts.index}]`, opts.quiet);
  warmUpCrypto();
  const dir = new DataDir(opts.dataDir);
  const { policy } = dir.policy();
  const key = dir.validatorKey(opts.index);
  const store = ValidatorStore.open(dir.validatorDb(opts.index));
  store.chain.initGenesis(dir.genesis());
  const validator = new Validator({ store, policy, key, sequencerUrl: opts.sequencerUrl, log });

  const app = createHttpServer({ bodyLimit: MAX_BLOCK_BYTES, log });
  registerValidatorMetrics(registerMetrics(app, 'validator'), store);
  // Only the sequencer may propose (see DataDir.proposalToken); checked before the body is read.
  const expected = Buffer.from(`Bearer ${dir.proposalToken()}`);
  const authorised = (header: string | undefined) => {
    const got = Buffer.from(header ?? '');
    return got.length === expected.length && timingSafeEqual(got, expected);
  };
  app.post('/v1/propose', {
    onRequest: async (req) => {
      if (!authorised(req.headers.authorization)) throw new ApiError(401, 'UNAUTHORISED');
    },
  }, async (req, reply) => {
    const answer = await validator.propose(binaryBody(req));
    return reply.code(answer.status).header('cache-control', 'no-store').send(answer.body);
  });
  app.get('/v1/health', async (_req, reply) => reply.header('cache-control', 'no-store').send(validator.health()));
  const port = await listen(app, opts.host, opts.port);
  validator.startSync(opts.syncIntervalMs ?? 2000);
  log.info(`${validator.name} at height ${store.chain.tip().height}, last signed ${store.lastSigned()?.height ?? '-'}`);
  let closed = false;
  return {
    url: `http://${opts.host}:${port}`,
    port,
    validator,
    async close() {
      if (closed) return;
      closed = true;
      validator.stopSync();
      await app.close();
      await validator.idle();
      store.close();
    },
  };
}
