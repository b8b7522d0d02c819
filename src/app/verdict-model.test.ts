import { describe, expect, it } from 'vitest';
import type { Check, Verdict } from '../core';
import { typicalNetwork } from '../../test/fixtures/network';
import { claimedStall, healthState, problemReasons, sortChecks } from './verdict-model';

const pass = (id: Check['id']): Check => ({ id, status: 'pass', reason: 'OK' });

describe('healthState', () => {
  it('is valid only when unexpired and revocation was ruled out', () => {
    expect(healthState([pass('health-expiry'), pass('revocation')])).toBe('valid');
    expect(healthState([pass('health-expiry'), { id: 'revocation', status: 'unknown', reason: 'REVOCATIONS_STALE' }])).toBe('unconfirmed');
    expect(healthState([{ id: 'health-expiry', status: 'fail', reason: 'HEALTH_EXPIRED' }, pass('revocation')])).toBe('expired');
    expect(healthState([pass('health-expiry'), { id: 'revocation', status: 'fail', reason: 'HEALTH_REVOKED' }])).toBe('revoked');
    // A revoked code (not its certificate) says nothing about the certificate itself.
    expect(healthState([pass('health-expiry'), { id: 'revocation', status: 'fail', reason: 'CODE_REVOKED' }])).toBe('unconfirmed');
    expect(healthState([])).toBe('unconfirmed');
  });
});

describe('sortChecks', () => {
  it('lists failures, then unconfirmed, then passes, keeping order within each', () => {
    const checks: Check[] = [pass('format'), { id: 'anchor', status: 'unknown', reason: 'ANCHOR_NOT_CACHED' }, pass('chain'), { id: 'payment', status: 'fail', reason: 'PAYMENT_MALFORMED' }];
    expect(sortChecks(checks).map((c) => c.id)).toEqual(['payment', 'anchor', 'format', 'chain']);
  });
});

describe('verdict-derived facts', () => {
  const v = (status: Verdict['status'], checks: Check[] = []): Verdict => ({ status, checks });
  it('keeps the reason codes of checks that did not pass', () => {
    expect(problemReasons(v('warning', [pass('format'), { id: 'anchor', status: 'unknown', reason: 'ANCHOR_NOT_CACHED' }]))).toEqual(['ANCHOR_NOT_CACHED']);
  });
  it('reads the claimed stall of a code text, and nothing from other texts', () => {
    const { net, block, index } = typicalNetwork(2);
    const { text } = net.codeText(block, index);
    expect(claimedStall(text)).toEqual({ stallNo: 'A012', stallName: '张三蔬菜' });
    expect(claimedStall('https://example.com')).toBeNull();
    expect(claimedStall('HTTPS://SANMA.EXAMPLE/C#AAAA')).toBeNull();
  });
});
