// The revocation feed, GET /v1/revocations?since=N (docs/API.md): the status events after the
// first N, through the header at `through`. One schema for the server that writes it and every
// client that reads it. The feed is not trusted: readRevocationFeed only checks its shape, and
// checkStatusEvents (revocation-chain.ts) checks its content against a verified header.

import { toHex } from '../bytes';
import { jsonArray, jsonBytes, jsonNat, jsonObject } from '../json-shape';
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

/** Strict shape check of a feed answer; hostile input. */
export function readRevocationFeed(json: unknown): RevocationFeed {
  const o = jsonObject(json, 'revocation feed');
  return {
    since: jsonNat(o.since, 'since'),
    through: jsonNat(o.through, 'through'),
    events: jsonArray(o.events, 'events', REVOCATION_FEED_PAGE).map((v, i) => {
      const e = jsonObject(v, `events[${i}]`);
      return { height: jsonNat(e.height, `events[${i}].height`), index: jsonNat(e.index, `events[${i}].index`), body: jsonBytes(e.body, `events[${i}].body`, LIMITS.recordBodyBytes) };
    }),
  };
}
