// The JSON answers of the ledger's HTTP API (docs/API.md): one schema — the types the server
// writes, and the strict readers every client uses (the PWA, the CLI's client, the in-memory fake
// ledger's tests). The ledger is not trusted: a reader checks only the shape; what an answer
// claims is checked against quorum-signed headers by the caller (inclusion proofs, revocation
// commitments). The binary answers (headers, pages, blocks, policy) have their codecs in
// src/core/codec; the revocation feed has its own module (revocation-feed.ts).

import { LIMITS } from '../codec/limits';
import type { PaymentChannel } from '../codec/types';
import { badJson, jsonArray, jsonBool, jsonHex, jsonNat, jsonObject, jsonString } from '../json-shape';

const ID_BYTES = 32;
const KEY_BYTES = 32;
/** Stalls or credentials listed for one vendor key. */
const VENDOR_ITEMS_MAX = 1000;

/** GET /v1/records/:id of a record in a block, with its inclusion proof. */
export interface IncludedRecordJson {
  id: string;
  status: 'included';
  kind: string;
  height: number;
  index: number;
  recordCount: number;
  proof: string[];
  body: string;
  signature: string;
}

/** GET /v1/records/:id (404: unknown). */
export type RecordStatusJson = IncludedRecordJson | { id: string; status: 'pending' } | { id: string; status: 'rejected'; reason: string };

/** POST /v1/records: 202 pending, 200 already included, else an error answer. */
export type SubmitJson = { id: string; status: 'pending' } | { id: string; status: 'included'; height: number; index: number };

/** Every 4xx/5xx answer. */
export interface ErrorJson {
  error: string;
  detail?: string;
  id?: string;
}

export interface VendorStallJson {
  id: string;
  stallNo: string;
  stallName: string;
  channels: PaymentChannel[];
  height: number;
  index: number;
  revoked: boolean;
  /** Still the stall number's registration (false after a handover). */
  current: boolean;
}

export interface VendorCredentialJson {
  id: string;
  height: number;
  index: number;
  validFrom: number;
  validUntil: number;
  revoked: boolean;
}

/** GET /v1/vendors/:publicKeyHex: positions and validity only (no names, README "Privacy"). */
export interface VendorJson {
  stalls: VendorStallJson[];
  credentials: VendorCredentialJson[];
}

/** GET /v1/stalls/:stallNo: the stall's current registration. */
export interface StallJson {
  id: string;
  height: number;
  index: number;
  body: string;
  revoked: boolean;
}

/** GET /v1/health. */
export interface HealthJson {
  ok: boolean;
  chainId: string;
  tip: { height: number; hash: string; time: number };
  records: number;
  pending: number;
  validators: { name: string | null; url: string; publicKey: string | null; reachable: boolean; lastError: string | null }[];
}

const id = (v: unknown, field: string) => jsonHex(v, field, ID_BYTES, ID_BYTES);
const body = (v: unknown, field: string) => jsonHex(v, field, LIMITS.recordBodyBytes);
const orNull = <T>(v: unknown, read: (v: unknown) => T): T | null => (v === null ? null : read(v));

export function readRecordStatus(json: unknown, field = 'record'): RecordStatusJson {
  const o = jsonObject(json, field);
  const rid = id(o.id, `${field}.id`);
  if (o.status === 'pending') return { id: rid, status: 'pending' };
  if (o.status === 'rejected') return { id: rid, status: 'rejected', reason: jsonString(o.reason, `${field}.reason`, 64) };
  if (o.status !== 'included') badJson(`${field}.status`, "'included', 'pending' or 'rejected'");
  return {
    id: rid,
    status: 'included',
    kind: jsonString(o.kind, `${field}.kind`, 32),
    height: jsonNat(o.height, `${field}.height`),
    index: jsonNat(o.index, `${field}.index`),
    recordCount: jsonNat(o.recordCount, `${field}.recordCount`),
    proof: jsonArray(o.proof, `${field}.proof`, LIMITS.proofHashes).map((h, i) => jsonHex(h, `${field}.proof[${i}]`, 32, 32)),
    body: body(o.body, `${field}.body`),
    signature: jsonHex(o.signature, `${field}.signature`, 64, 64),
  };
}

export function readSubmit(json: unknown): SubmitJson {
  const o = jsonObject(json, 'submit');
  const rid = id(o.id, 'submit.id');
  if (o.status === 'pending') return { id: rid, status: 'pending' };
  if (o.status !== 'included') badJson('submit.status', "'pending' or 'included'");
  return { id: rid, status: 'included', height: jsonNat(o.height, 'submit.height'), index: jsonNat(o.index, 'submit.index') };
}

/** The error answer, or null when `json` is not one (a proxy's HTML page, say). */
export function readError(json: unknown): ErrorJson | null {
  if (typeof json !== 'object' || json === null || typeof (json as { error?: unknown }).error !== 'string') return null;
  const o = json as Record<string, unknown>;
  return {
    error: jsonString(o.error, 'error', 64),
    ...(typeof o.detail === 'string' ? { detail: o.detail.slice(0, 1024) } : {}),
    ...(typeof o.id === 'string' ? { id: o.id.slice(0, 64) } : {}),
  };
}

function channel(v: unknown, field: string): PaymentChannel {
  const o = jsonObject(v, field);
  if (o.type !== 'emv' && o.type !== 'url') badJson(`${field}.type`, "'emv' or 'url'");
  return { type: o.type, label: jsonString(o.label, `${field}.label`, 64), value: jsonString(o.value, `${field}.value`, 1024) };
}

export function readVendor(json: unknown): VendorJson {
  const o = jsonObject(json, 'vendor');
  return {
    stalls: jsonArray(o.stalls, 'stalls', VENDOR_ITEMS_MAX).map((v, i) => {
      const f = `stalls[${i}]`;
      const s = jsonObject(v, f);
      return {
        id: id(s.id, `${f}.id`),
        stallNo: jsonString(s.stallNo, `${f}.stallNo`, 64),
        stallName: jsonString(s.stallName, `${f}.stallName`, 128),
        channels: jsonArray(s.channels, `${f}.channels`, 16).map((c, j) => channel(c, `${f}.channels[${j}]`)),
        height: jsonNat(s.height, `${f}.height`),
        index: jsonNat(s.index, `${f}.index`),
        revoked: jsonBool(s.revoked, `${f}.revoked`),
        current: jsonBool(s.current, `${f}.current`),
      };
    }),
    credentials: jsonArray(o.credentials, 'credentials', VENDOR_ITEMS_MAX).map((v, i) => {
      const f = `credentials[${i}]`;
      const c = jsonObject(v, f);
      return {
        id: id(c.id, `${f}.id`),
        height: jsonNat(c.height, `${f}.height`),
        index: jsonNat(c.index, `${f}.index`),
        validFrom: jsonNat(c.validFrom, `${f}.validFrom`),
        validUntil: jsonNat(c.validUntil, `${f}.validUntil`),
        revoked: jsonBool(c.revoked, `${f}.revoked`),
      };
    }),
  };
}

export function readStall(json: unknown): StallJson {
  const o = jsonObject(json, 'stall');
  return { id: id(o.id, 'stall.id'), height: jsonNat(o.height, 'stall.height'), index: jsonNat(o.index, 'stall.index'), body: body(o.body, 'stall.body'), revoked: jsonBool(o.revoked, 'stall.revoked') };
}

export function readHealth(json: unknown): HealthJson {
  const o = jsonObject(json, 'health');
  const tip = jsonObject(o.tip, 'health.tip');
  return {
    ok: jsonBool(o.ok, 'health.ok'),
    chainId: jsonString(o.chainId, 'health.chainId', 64),
    tip: { height: jsonNat(tip.height, 'tip.height'), hash: jsonHex(tip.hash, 'tip.hash', 32, 32), time: jsonNat(tip.time, 'tip.time') },
    records: jsonNat(o.records, 'health.records'),
    pending: jsonNat(o.pending, 'health.pending'),
    validators: jsonArray(o.validators, 'health.validators', 32).map((v, i) => {
      const f = `validators[${i}]`;
      const p = jsonObject(v, f);
      return {
        name: orNull(p.name, (x) => jsonString(x, `${f}.name`, 128)),
        url: jsonString(p.url, `${f}.url`, 512),
        publicKey: orNull(p.publicKey, (x) => jsonHex(x, `${f}.publicKey`, KEY_BYTES, KEY_BYTES)),
        reachable: jsonBool(p.reachable, `${f}.reachable`),
        lastError: orNull(p.lastError, (x) => jsonString(x, `${f}.lastError`, 1024)),
      };
    }),
  };
}
