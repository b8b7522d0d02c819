// The vendor's decisions as pure functions (unit-tested): which registration and which health
// credential a stall code uses, the enrolment request text, batch validation against the format's
// limits, and building the stall-code record.

import { LIMITS, utf8, type Batch, type HealthRef, type QuantityUnit, type RapidTest, type StallCode } from '../../core';
import type { VendorStatus } from '../../platform/ledger';
import type { VendorProfile } from '../../platform/store';

/**
 * The enrolment request the market office turns into a stall registration (docs/DESIGN.md §2 vendor step 1):
 * `sanma-enrol:v1?stall=<stall number>&key=<public key hex>`, query-encoded so any stall number is safe.
 */
export function enrolmentText(stallNo: string, publicKeyHex: string): string {
  const q = new URLSearchParams({ stall: stallNo.trim(), key: publicKeyHex });
  return `sanma-enrol:v1?${q.toString()}`;
}

export function parseEnrolmentText(text: string): { stallNo: string; publicKeyHex: string } | null {
  const m = /^sanma-enrol:v1\?(.*)$/.exec(text.trim());
  if (!m) return null;
  const q = new URLSearchParams(m[1]);
  const stallNo = q.get('stall');
  const key = q.get('key');
  if (!stallNo || !key || !/^[0-9a-f]{64}$/.test(key)) return null;
  return { stallNo, publicKeyHex: key };
}

type Credential = VendorStatus['credentials'][number];

/** The newest credential valid now and not revoked: what a stall code references. */
export function currentCredential(credentials: readonly Credential[], now: number): Credential | null {
  const usable = credentials.filter((c) => !c.revoked && c.validFrom <= now && now < c.validUntil);
  usable.sort((a, b) => b.validUntil - a.validUntil || b.height - a.height);
  return usable[0] ?? null;
}

/**
 * The profile a stall code is built from: the stall's current, unrevoked registration (one that
 * was handed to another vendor is not current) and the current credential.
 */
export function profileFromStatus(status: VendorStatus, now: number): VendorProfile | null {
  const stall = status.stalls.find((s) => s.current && !s.revoked);
  if (!stall) return null;
  const cred = currentCredential(status.credentials, now);
  const health: HealthRef | null = cred ? { height: cred.height, index: cred.index, validUntil: cred.validUntil } : null;
  return { stallNo: stall.stallNo, stallName: stall.stallName, registration: { height: stall.height, index: stall.index }, channels: stall.channels, health, updatedAt: now };
}

export type BatchProblem = 'required' | 'amount' | 'product-too-long' | 'origin-too-long' | 'supplier-too-long' | 'test-required';

export interface BatchDraft {
  product: string;
  origin: string;
  supplier: string;
  amount: string;
  unit: QuantityUnit;
  day: number;
  /** No default: a vendor who skips it must not publish a "passed" badge. */
  test: RapidTest | null;
}

/** Largest quantity accepted in the form (the varint allows more; no stall sells more). */
const MAX_AMOUNT = 1_000_000;

export function validateBatch(d: BatchDraft): { ok: true; batch: Batch } | { ok: false; problem: BatchProblem } {
  const product = d.product.trim().normalize('NFC');
  const origin = d.origin.trim().normalize('NFC');
  const supplier = d.supplier.trim().normalize('NFC');
  if (!product || !origin || !supplier) return { ok: false, problem: 'required' };
  if (utf8(product).length > LIMITS.productBytes) return { ok: false, problem: 'product-too-long' };
  if (utf8(origin).length > LIMITS.originBytes) return { ok: false, problem: 'origin-too-long' };
  if (utf8(supplier).length > LIMITS.supplierBytes) return { ok: false, problem: 'supplier-too-long' };
  if (!/^\d+$/.test(d.amount.trim())) return { ok: false, problem: 'amount' };
  const amount = Number(d.amount.trim());
  if (!Number.isSafeInteger(amount) || amount < 1 || amount > MAX_AMOUNT) return { ok: false, problem: 'amount' };
  if (d.test === null) return { ok: false, problem: 'test-required' };
  return { ok: true, batch: { product, origin, supplier, amount, unit: d.unit, day: d.day, test: d.test } };
}

export function buildStallCode(profile: VendorProfile, batches: readonly Batch[], issuedAt: number): StallCode {
  if (!profile.health) throw new Error('buildStallCode: no health credential');
  if (batches.length > LIMITS.batches) throw new RangeError(`batches: at most ${LIMITS.batches}`);
  return {
    kind: 'stall-code',
    issuedAt,
    stallNo: profile.stallNo,
    stallName: profile.stallName,
    registration: profile.registration,
    health: profile.health,
    channels: profile.channels,
    batches: [...batches],
  };
}

const UNITS: readonly QuantityUnit[] = ['g', 'kg', 'jin', 'piece'];
const TESTS: readonly RapidTest[] = ['none', 'pass', 'fail'];

/** Reads a stored draft defensively: anything malformed is dropped, not trusted. */
export function parseDraft(json: string | null): Batch[] {
  if (!json) return [];
  try {
    const x = JSON.parse(json) as unknown;
    if (!Array.isArray(x)) return [];
    const out: Batch[] = [];
    for (const b of x.slice(0, LIMITS.batches)) {
      if (typeof b !== 'object' || b === null) continue;
      const o = b as Record<string, unknown>;
      if (typeof o.product !== 'string' || typeof o.origin !== 'string' || typeof o.supplier !== 'string') continue;
      if (typeof o.amount !== 'number' || typeof o.day !== 'number') continue;
      if (!UNITS.includes(o.unit as QuantityUnit) || !TESTS.includes(o.test as RapidTest)) continue;
      out.push({ product: o.product, origin: o.origin, supplier: o.supplier, amount: o.amount, unit: o.unit as QuantityUnit, day: o.day, test: o.test as RapidTest });
    }
    return out;
  } catch {
    return [];
  }
}

/** A demo vendor of /demo/vendors.json (demo deployments only). */
export interface DemoVendor {
  stallNo: string;
  stallName: string;
  secretKeyHex: string;
}

/** /demo/vendors.json is served by the demo deployment; hostile until checked. The key field is `secretKey` (hex); `secretKeyHex` is accepted too. */
export function parseDemoVendors(x: unknown): DemoVendor[] {
  if (!Array.isArray(x)) return [];
  const out: DemoVendor[] = [];
  for (const v of x.slice(0, 200)) {
    if (typeof v !== 'object' || v === null) continue;
    const o = v as Record<string, unknown>;
    const hex = typeof o.secretKeyHex === 'string' ? o.secretKeyHex : o.secretKey;
    if (typeof o.stallNo !== 'string' || typeof o.stallName !== 'string' || typeof hex !== 'string' || !/^[0-9a-f]{64}$/i.test(hex)) continue;
    out.push({ stallNo: o.stallNo, stallName: o.stallName, secretKeyHex: hex });
  }
  return out;
}
