import { describe, expect, it } from 'vitest';
import { refKey, verifyStallCode, type Check, type Verdict } from '../core';
import { DAY_MS, typicalNetwork } from '../../test/fixtures/network';
import { claimedStall, contentTrust, healthState, problemReasons, shownCheckStatus, sortChecks } from './verdict-model';

// Only ids, statuses and reasons matter here; the details the texts need are left out.
const pass = (id: Check['id']): Check => ({ id, status: 'pass', reason: 'OK' }) as Check;
const problem = (id: Check['id'], status: 'fail' | 'unknown', reason: Exclude<Check['reason'], 'OK'>): Check => ({ id, status, reason }) as Check;

describe('healthState', () => {
  it('is valid only when unexpired and revocation was ruled out', () => {
    expect(healthState([pass('inclusion'), pass('health'), pass('revocation')])).toBe('valid');
    expect(healthState([pass('inclusion'), pass('health'), problem('revocation', 'unknown', 'REVOCATIONS_STALE')])).toBe('unconfirmed');
    expect(healthState([pass('inclusion'), pass('health'), problem('revocation', 'unknown', 'REVOCATIONS_INCOMPLETE')])).toBe('unconfirmed');
    expect(healthState([pass('inclusion'), problem('health', 'fail', 'HEALTH_EXPIRED'), pass('revocation')])).toBe('expired');
    expect(healthState([pass('inclusion'), problem('health', 'fail', 'HEALTH_REVOKED'), pass('revocation')])).toBe('revoked');
    // Revoked beats expired: the credential is red either way, but "revoked" is what the authority said.
    expect(healthState([pass('inclusion'), problem('health', 'fail', 'HEALTH_REVOKED'), problem('revocation', 'unknown', 'REVOCATIONS_STALE')])).toBe('revoked');
    // A revoked code or a handed-over stall (not its certificate) says nothing about the certificate itself.
    expect(healthState([pass('inclusion'), pass('health'), problem('revocation', 'fail', 'CODE_REVOKED')])).toBe('unconfirmed');
    expect(healthState([pass('inclusion'), pass('health'), problem('revocation', 'fail', 'STALL_HANDED_OVER')])).toBe('unconfirmed');
    // No 'health' check: the anchor did not verify, so the certificate's content was not judged.
    expect(healthState([pass('revocation')])).toBe('unconfirmed');
    expect(healthState([])).toBe('unconfirmed');
  });

  it('reads real verdicts: valid when fresh, expired after validUntil, revoked when the list says so', () => {
    const { net, block, index, code } = typicalNetwork(2);
    const { text } = net.codeText(block, index);
    const now = net.now();
    const headers = { get: (h: number) => net.headers.get(h) };
    expect(healthState(verifyStallCode(text, net.trust(), headers, now).checks)).toBe('valid');
    const later = code.health.validUntil + DAY_MS;
    expect(healthState(verifyStallCode(text, net.trust(later), headers, later).checks)).toBe('expired');
    const revoked = new Map([[refKey(code.health), 'revoked' as const]]);
    expect(healthState(verifyStallCode(text, net.trust(now, revoked), headers, now).checks)).toBe('revoked');
  });

  it('is unconfirmed for a code whose anchor was not verified', () => {
    const { net, block, index } = typicalNetwork(2);
    const { text } = net.codeText(block, index);
    const v = verifyStallCode(text, net.trust(), { get: () => undefined }, net.now());
    expect(contentTrust(v)).toBe('unconfirmed');
    expect(healthState(v.checks)).toBe('unconfirmed');
  });
});

describe('sortChecks', () => {
  it('lists failures, then unconfirmed, then passes, keeping order within each', () => {
    const checks: Check[] = [pass('format'), problem('anchor', 'unknown', 'ANCHOR_NOT_CACHED'), pass('chain'), problem('payment', 'fail', 'PAYMENT_MALFORMED')];
    expect(sortChecks(checks).map((c) => c.id)).toEqual(['payment', 'anchor', 'format', 'chain']);
  });
});

describe('verdict-derived facts', () => {
  const v = (status: Verdict['status'], checks: Check[] = []): Verdict => ({ status, checks });
  it('keeps the reason codes of checks that did not pass', () => {
    expect(problemReasons(v('warning', [pass('format'), problem('anchor', 'unknown', 'ANCHOR_NOT_CACHED')]))).toEqual(['ANCHOR_NOT_CACHED']);
  });
  it('reads the claimed stall of a code text, and nothing from other texts', () => {
    const { net, block, index } = typicalNetwork(2);
    const { text } = net.codeText(block, index);
    expect(claimedStall(text)).toEqual({ stallNo: 'A012', stallName: '张三蔬菜', height: block.built.header.height, index });
    expect(claimedStall('https://example.com')).toBeNull();
    expect(claimedStall('HTTPS://SANMA.EXAMPLE/C#AAAA')).toBeNull();
  });
});

describe('contentTrust', () => {
  const { net, block, index } = typicalNetwork(2);
  const { text } = net.codeText(block, index);
  const now = net.now();
  const headers = { get: (h: number) => net.headers.get(h) };

  it('shows the content as facts for a verified code', () => {
    const v = verifyStallCode(text, net.trust(), headers, now);
    expect(v.status).toBe('verified');
    expect(contentTrust(v)).toBe('verified');
  });

  it('shows an amber code whose anchor was checked as facts (only freshness is in doubt)', () => {
    const v = verifyStallCode(text, net.trust(now - 3 * DAY_MS), headers, now);
    expect(v.status).toBe('warning');
    expect(v.checks.find((c) => c.id === 'inclusion')?.status).toBe('pass');
    expect(contentTrust(v)).toBe('verified');
  });

  it('marks the content of an amber code without a verified anchor unconfirmed', () => {
    const v = verifyStallCode(text, net.trust(), { get: () => undefined }, now);
    expect(v.status).toBe('warning');
    expect(v.checks.some((c) => c.id === 'inclusion')).toBe(false);
    expect(contentTrust(v)).toBe('unconfirmed');
  });

  it('hides the content of an invalid code, and of anything that is not this market\'s code', () => {
    // A genuine payload behind another site's address.
    const forged = verifyStallCode(text.replace('HTTPS://SANMA.EXAMPLE', 'HTTPS://EVIL.EXAMPLE'), net.trust(), headers, now);
    expect(forged.status).toBe('invalid');
    expect(contentTrust(forged)).toBe('hidden');
    const handedOver = verifyStallCode(text, net.trust(now, new Map([[refKey(net.registrationOf('A012')), 'superseded' as const]])), headers, now);
    expect(handedOver.status).toBe('invalid');
    expect(contentTrust(handedOver)).toBe('hidden');
    expect(contentTrust({ status: 'not-sanma', checks: [] })).toBe('hidden');
    expect(contentTrust({ status: 'unknown-market', checks: [pass('format')] })).toBe('hidden');
    // A warning with a failed inclusion cannot occur, but if it did the content is still not a fact.
    expect(contentTrust({ status: 'warning', checks: [problem('inclusion', 'fail', 'INCLUSION_MISMATCH')] })).toBe('unconfirmed');
  });
});

describe('shownCheckStatus', () => {
  it('shows a failed rapid test as failed, every other check as it is', () => {
    expect(shownCheckStatus({ id: 'produce', status: 'unknown', reason: 'PRODUCE_TEST_FAILED', detail: { batch: 0 } })).toBe('fail');
    expect(shownCheckStatus(problem('revocation', 'unknown', 'REVOCATIONS_INCOMPLETE'))).toBe('unknown');
    expect(shownCheckStatus(pass('produce'))).toBe('pass');
    expect(shownCheckStatus(problem('health', 'fail', 'HEALTH_EXPIRED'))).toBe('fail');
  });
});
