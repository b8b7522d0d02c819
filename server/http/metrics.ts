// GET /metrics in the Prometheus text format (prom-client) for every Sanma server, with the
// process's own figures (CPU, memory, event-loop delay) and every 4xx/5xx answer by route and
// error code. The role's own figures (server/sequencer/metrics.ts, server/validator/metrics.ts)
// go into the same registry. Not for the public: docs/OPERATIONS.md keeps it off the proxy.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';
import { CACHE_NONE } from './common';

/** The `error` code of a JSON error body ({"error": CODE}), or "none". */
function errorCode(payload: unknown): string {
  if (typeof payload !== 'string' || !payload.startsWith('{')) return 'none';
  try {
    const code = (JSON.parse(payload) as { error?: unknown }).error;
    // Codes are closed sets of upper-case names; anything else would make labels unbounded.
    return typeof code === 'string' && /^[A-Z0-9_]{1,48}$/.test(code) ? code : 'other';
  } catch {
    return 'other';
  }
}

/** The route's pattern (/v1/records/:id), never the raw URL: labels stay a small fixed set. */
function routeOf(req: FastifyRequest): string {
  return req.routeOptions.url ?? 'unmatched';
}

export interface Answer {
  status: number;
  /** The error code of a 4xx/5xx JSON body, else "none". */
  error: string;
}

export interface ServerMetrics {
  registry: Registry;
  /** Calls `count` with every answer to `method route`. */
  onAnswer(method: string, route: string, count: (answer: Answer) => void): void;
}

export function registerMetrics(app: FastifyInstance, role: 'ledger' | 'validator'): ServerMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ role });
  collectDefaultMetrics({ register: registry });
  const httpErrors = new Counter({
    name: 'sanma_http_errors_total',
    help: 'Answers with a 4xx or 5xx status, by route, status and error code.',
    labelNames: ['method', 'route', 'status', 'error'],
    registers: [registry],
  });
  const watchers: { method: string; route: string; count: (a: Answer) => void }[] = [];
  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const route = routeOf(req);
    const status = reply.statusCode;
    const error = status >= 400 ? errorCode(payload) : 'none';
    if (status >= 400) httpErrors.inc({ method: req.method, route, status: String(status), error });
    for (const w of watchers) if (w.method === req.method && w.route === route) w.count({ status, error });
    return payload;
  });
  app.get('/metrics', async (_req, reply) =>
    reply.header('content-type', registry.contentType).header('cache-control', CACHE_NONE).send(await registry.metrics()),
  );
  return {
    registry,
    onAnswer: (method, route, count) => watchers.push({ method, route, count }),
  };
}
