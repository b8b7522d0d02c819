// The revocation feed JSON (src/core/ledger/revocation-feed.ts, docs/FORMAT.md §6.5): what the
// server writes reads back the same, and the reader, facing a hostile mirror, refuses every shape
// it does not know with BAD_VALUE before anything is decoded or hashed.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../../../test/fuzz/mutate';
import { LIMITS } from '../codec/limits';
import { REVOCATION_FEED_PAGE, readRevocationFeed, writeRevocationFeed, type RevocationFeed } from './revocation-feed';

const uint = fc.nat({ max: Number.MAX_SAFE_INTEGER });
const feed: fc.Arbitrary<RevocationFeed> = fc.record({
  since: uint,
  through: uint,
  events: fc.array(fc.record({ height: uint, index: uint, body: fc.uint8Array({ maxLength: 200 }) }), { maxLength: 20 }),
});

describe('revocation feed', () => {
  it('read(JSON round trip of write(feed)) equals feed', () => {
    fc.assert(
      fc.property(feed, (f) => {
        expect(readRevocationFeed(JSON.parse(JSON.stringify(writeRevocationFeed(f))))).toEqual(f);
      }),
      { numRuns: 100 },
    );
  });

  it('writes {since, through, events: [{height, index, body: lower-case hex}]}', () => {
    expect(writeRevocationFeed({ since: 2, through: 9, events: [{ height: 4, index: 1, body: Uint8Array.of(7, 0xab) }] })).toEqual({
      since: 2,
      through: 9,
      events: [{ height: 4, index: 1, body: '07ab' }],
    });
  });

  const ok = { since: 0, through: 3, events: [{ height: 1, index: 0, body: '07' }] };
  it.each([
    ['not an object', 'feed'],
    ['null', null],
    ['an array', [ok]],
    ['no events', { since: 0, through: 3 }],
    ['events not an array', { ...ok, events: {} }],
    ['a negative since', { ...ok, since: -1 }],
    ['a fractional through', { ...ok, through: 1.5 }],
    ['since as a string', { ...ok, since: '0' }],
    ['an unsafe integer height', { ...ok, events: [{ height: 2 ** 53, index: 0, body: '07' }] }],
    ['an event that is not an object', { ...ok, events: ['07'] }],
    ['a body that is not a string', { ...ok, events: [{ height: 1, index: 0, body: [7] }] }],
    ['a body of odd length', { ...ok, events: [{ height: 1, index: 0, body: '070' }] }],
    ['a body that is not hex', { ...ok, events: [{ height: 1, index: 0, body: 'zz' }] }],
    ['a body in upper-case hex (one spelling per body)', { ...ok, events: [{ height: 1, index: 0, body: '0A' }] }],
    ['a body over the record limit', { ...ok, events: [{ height: 1, index: 0, body: '00'.repeat(LIMITS.recordBodyBytes + 1) }] }],
    ['more events than a page', { ...ok, events: Array(REVOCATION_FEED_PAGE + 1).fill(ok.events[0]) }],
  ])('%s is BAD_VALUE', (_, json) => {
    expect(codeOf(() => readRevocationFeed(json))).toBe('BAD_VALUE');
  });
});
