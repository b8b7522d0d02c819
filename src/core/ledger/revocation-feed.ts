// The revocation feed, GET /v1/revocations?since=N (docs/API.md): the status events after the
// first N, through the header at `through`. One schema for the server that writes it and every
// client that reads it. The feed is not trusted: readRevocationFeed only checks its shape, and
// checkStatusEvents (revocation-chain.ts) checks its content against a verified header.

import { fromHex, toHex } from '../bytes';
import { fail } from '../errors';
import { LIMITS } from '../codec/limits';
import type { StatusEventItem } from './revocation-chain';

/** Most events in one feed answer; a page never splits a block. */
export const REVOCATION_FEED_PAGE = 1000;

export interface RevocationFeed {
  /** Events before this number are not included (the client's count). */
  since: number;
  /** The events end exactly at this header's revocation commitment. */
  through: number;
  events: StatusEventItem[];
}

export function writeRevocationFeed(feed: RevocationFeed): unknown {
  return { since: feed.since, through: feed.through, events: feed.events.map((e) => ({ height: e.height, index: e.index, body: toHex(e.body) })) };
}

function nat(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) fail('BAD_VALUE', `${field}: expected a non-negative integer`);
  return v;
}

/** Strict shape check of a feed answer; hostile input. */
export function readRevocationFeed(json: unknown): RevocationFeed {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail('BAD_VALUE', 'revocation feed: expected an object');
  const o = json as Record<string, unknown>;
  const events = o.events;
  if (!Array.isArray(events) || events.length > REVOCATION_FEED_PAGE) fail('BAD_VALUE', `events: expected an array of at most ${REVOCATION_FEED_PAGE}`);
  return {
    since: nat(o.since, 'since'),
    through: nat(o.through, 'through'),
    events: events.map((v: unknown, i) => {
      if (typeof v !== 'object' || v === null) fail('BAD_VALUE', `events[${i}]: expected an object`);
      const e = v as Record<string, unknown>;
      const body = e.body;
      if (typeof body !== 'string' || body.length > LIMITS.recordBodyBytes * 2) fail('BAD_VALUE', `events[${i}].body: expected hex of at most ${LIMITS.recordBodyBytes} bytes`);
      return { height: nat(e.height, `events[${i}].height`), index: nat(e.index, `events[${i}].index`), body: fromHex(body) };
    }),
  };
}
