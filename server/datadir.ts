// The ledger service's data directory (default ./data): the keys of every party of the demo
// network, the signed trust policy, the signed genesis header and one SQLite file per process.
//
//   keys/validator-1.json …   Ed25519 keys (mode 0600): {"role","name","publicKey","secretKey"}
//   keys/market-office.json   issuer: stall registrations
//   keys/health-authority.json issuer: health credentials
//   keys/proposal-token       shared secret: the sequencer's bearer token on POST /v1/propose
//   network.json              chain id, threshold, who is who (public keys only)
//   genesis.bin               encodeSignedHeader(genesis header, signed by every validator)
//   policy.bin                encodeSignedPolicy(policy, signed by every validator)
//   sequencer.db, validator-N.db
//   demo/                     vendors.json, codes.json, seed-state.json (sanma start)
//
// In a real market each validator and issuer is a separate organisation that generates its own
// key; here one `sanma init` plays all of them so that `npm start` works on a fresh clone.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  PERMISSION,
  decodePolicy,
  decodeSignedHeader,
  decodeSignedPolicy,
  encodePolicy,
  encodeSignedHeader,
  encodeSignedPolicy,
  fromHex,
  genesisHeader,
  headerHash,
  publicKeyFromSecret,
  randomSecretKey,
  signFor,
  toHex,
  equalBytes,
  type Bytes,
  type SignedHeader,
  type SignedPolicy,
  type TrustPolicy,
} from '../src/core';

export interface KeyPair {
  publicKey: Bytes;
  secretKey: Bytes;
}

export type PartyRole = 'validator' | 'market-office' | 'health-authority';

export interface KeyFile {
  role: PartyRole;
  name: string;
  publicKey: string;
  secretKey: string;
}

/** 2: header format 2, record kinds 0x05–0x08, policy format 2. */
const NETWORK_FILE_VERSION = 2;

export interface NetworkFile {
  version: typeof NETWORK_FILE_VERSION;
  chainId: string;
  createdAt: string;
  threshold: number;
  validators: { name: string; publicKey: string; keyFile: string }[];
  issuers: { name: string; role: PartyRole; publicKey: string; keyFile: string }[];
}

const DEFAULT_CHAIN_ID = 'hz-ljz-market';
const VALIDATOR_NAMES = ['市场监管局', '卫健委', '市场运营方'];
const MARKET_OFFICE_NAME = '骆家庄农贸市场管理处';
const HEALTH_AUTHORITY_NAME = '西湖区卫生健康局';

/** The upper-case form of an http(s) origin, as a policy's codeBaseUrl: http://127.0.0.1:8080 → HTTP://127.0.0.1:8080. */
function codeBaseUrlFor(appOrigin: string): string {
  const u = new URL(appOrigin);
  return `${u.protocol}//${u.host}`.toUpperCase();
}

function writeFileAtomic(file: string, data: string | Uint8Array, mode = 0o644): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, data, { mode });
  renameSync(tmp, file);
}

export function writeJson(file: string, value: unknown, mode = 0o644): void {
  writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`, mode);
}

export class DataDir {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  path(...parts: string[]): string {
    return join(this.root, ...parts);
  }

  get networkFile(): string {
    return this.path('network.json');
  }
  get policyFile(): string {
    return this.path('policy.bin');
  }
  get genesisFile(): string {
    return this.path('genesis.bin');
  }
  get sequencerDb(): string {
    return this.path('sequencer.db');
  }
  validatorDb(index: number): string {
    return this.path(`validator-${index}.db`);
  }
  get demoDir(): string {
    return this.path('demo');
  }

  isInitialised(): boolean {
    return existsSync(this.networkFile) && existsSync(this.policyFile) && existsSync(this.genesisFile);
  }

  /**
   * Creates keys for 3 validators (threshold 2), a market office and a health authority, the
   * genesis header and the trust policy, all signed by every validator. Refuses to overwrite.
   */
  init(opts: { appOrigin: string; chainId?: string; validators?: number; threshold?: number; now?: number }): void {
    if (this.isInitialised()) throw new Error(`${this.root} is already initialised`);
    const n = opts.validators ?? 3;
    const threshold = opts.threshold ?? Math.floor(n / 2) + 1;
    const chainId = opts.chainId ?? DEFAULT_CHAIN_ID;
    mkdirSync(this.path('keys'), { recursive: true, mode: 0o700 });
    mkdirSync(this.demoDir, { recursive: true });

    const makeKey = (file: string, role: PartyRole, name: string): KeyPair => {
      const secretKey = randomSecretKey();
      const publicKey = publicKeyFromSecret(secretKey);
      const k: KeyFile = { role, name, publicKey: toHex(publicKey), secretKey: toHex(secretKey) };
      writeJson(this.path('keys', file), k, 0o600);
      return { publicKey, secretKey };
    };
    const validators = Array.from({ length: n }, (_, i) => ({
      name: VALIDATOR_NAMES[i] ?? `validator-${i + 1}`,
      file: `validator-${i + 1}.json`,
      key: makeKey(`validator-${i + 1}.json`, 'validator', VALIDATOR_NAMES[i] ?? `validator-${i + 1}`),
    }));
    const office = makeKey('market-office.json', 'market-office', MARKET_OFFICE_NAME);
    const health = makeKey('health-authority.json', 'health-authority', HEALTH_AUTHORITY_NAME);

    const genesis = genesisHeader(chainId, opts.now ?? Date.now());
    const signedGenesis: SignedHeader = {
      header: genesis.headerBytes,
      signatures: validators.map((v) => ({ publicKey: v.key.publicKey, signature: signFor('header', v.key.secretKey, genesis.headerBytes) })),
    };
    writeFileAtomic(this.genesisFile, encodeSignedHeader(signedGenesis));

    const policy: TrustPolicy = {
      sequence: 1,
      chainId,
      genesisHash: genesis.hash,
      validators: validators.map((v) => ({ publicKey: v.key.publicKey, name: v.name })),
      threshold,
      issuers: [
        { publicKey: office.publicKey, name: MARKET_OFFICE_NAME, permissions: PERMISSION.stallRegistration },
        { publicKey: health.publicKey, name: HEALTH_AUTHORITY_NAME, permissions: PERMISSION.healthCredential },
      ],
      codeBaseUrl: codeBaseUrlFor(opts.appOrigin),
      maxHeaderAgeSeconds: 24 * 3600,
      maxRevocationAgeSeconds: 24 * 3600,
      maxCodeAgeSeconds: 7 * 24 * 3600,
      // Batches dated yesterday are fine until noon today; older ones are not "today's produce".
      maxProduceAgeSeconds: 36 * 3600,
      maxPolicyAgeSeconds: 30 * 24 * 3600,
      utcOffsetMinutes: 8 * 60,
    };
    this.writePolicy(policy, validators.map((v) => v.key));

    const network: NetworkFile = {
      version: NETWORK_FILE_VERSION,
      chainId,
      createdAt: new Date().toISOString(),
      threshold,
      validators: validators.map((v) => ({ name: v.name, publicKey: toHex(v.key.publicKey), keyFile: `keys/${v.file}` })),
      issuers: [
        { name: MARKET_OFFICE_NAME, role: 'market-office', publicKey: toHex(office.publicKey), keyFile: 'keys/market-office.json' },
        { name: HEALTH_AUTHORITY_NAME, role: 'health-authority', publicKey: toHex(health.publicKey), keyFile: 'keys/health-authority.json' },
      ],
    };
    writeJson(this.networkFile, network);
    this.proposalToken();
  }

  private writePolicy(policy: TrustPolicy, signers: readonly KeyPair[]): void {
    const body = encodePolicy(policy);
    const signed: SignedPolicy = { body, signatures: signers.map((k) => ({ publicKey: k.publicKey, signature: signFor('policy', k.secretKey, body) })) };
    writeFileAtomic(this.policyFile, encodeSignedPolicy(signed));
  }

  network(): NetworkFile {
    const net = JSON.parse(readFileSync(this.networkFile, 'utf8')) as NetworkFile;
    if (net.version !== NETWORK_FILE_VERSION) {
      // Version 1 data holds header and record format 1, which this release no longer reads.
      throw new Error(`${this.root} holds a ledger of an earlier Sanma format (data version ${String(net.version)}, this release needs ${NETWORK_FILE_VERSION}); move it away and start again`);
    }
    return net;
  }

  signedPolicyBytes(): Bytes {
    return new Uint8Array(readFileSync(this.policyFile));
  }

  policy(): { signed: SignedPolicy; policy: TrustPolicy; bytes: Bytes } {
    const bytes = this.signedPolicyBytes();
    const signed = decodeSignedPolicy(bytes);
    return { signed, policy: decodePolicy(signed.body), bytes };
  }

  genesis(): SignedHeader {
    const signed = decodeSignedHeader(new Uint8Array(readFileSync(this.genesisFile)));
    const { policy } = this.policy();
    if (!equalBytes(headerHash(signed.header), policy.genesisHash)) throw new Error('genesis.bin does not match the policy genesis hash');
    return signed;
  }

  keyFile(relative: string): KeyFile {
    return JSON.parse(readFileSync(this.path(relative), 'utf8')) as KeyFile;
  }

  key(relative: string): KeyPair {
    const k = this.keyFile(relative);
    const secretKey = fromHex(k.secretKey);
    const publicKey = publicKeyFromSecret(secretKey);
    if (toHex(publicKey) !== k.publicKey) throw new Error(`${relative}: public key does not match the secret key`);
    return { publicKey, secretKey };
  }

  validatorKey(index: number): KeyPair {
    return this.key(`keys/validator-${index}.json`);
  }

  /**
   * The bearer token the sequencer presents on POST /v1/propose. Without it anyone who can reach
   * a validator could get it to sign some other valid block at the next height first, and the
   * real sequencer's header at that height would then be refused (a liveness attack). Between
   * organisations this would be mutual TLS; on one machine a shared secret file does. Created
   * on first use, so data directories from before it existed keep working.
   */
  proposalToken(): string {
    const file = this.path('keys', 'proposal-token');
    if (!existsSync(file)) {
      mkdirSync(this.path('keys'), { recursive: true, mode: 0o700 });
      try {
        writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
    }
    return readFileSync(file, 'utf8').trim();
  }

  validatorCount(): number {
    return this.network().validators.length;
  }

  marketOfficeKey(): KeyPair {
    return this.key('keys/market-office.json');
  }

  healthAuthorityKey(): KeyPair {
    return this.key('keys/health-authority.json');
  }

  /**
   * When the app moves to another origin the codes' URL base changes: the validators sign a new
   * policy (sequence + 1), which clients accept through core acceptPolicyUpdate. Returns whether
   * the policy changed.
   */
  ensureCodeBaseUrl(appOrigin: string): boolean {
    const { policy } = this.policy();
    const base = codeBaseUrlFor(appOrigin);
    if (policy.codeBaseUrl === base) return false;
    const signers = Array.from({ length: this.validatorCount() }, (_, i) => this.validatorKey(i + 1));
    this.writePolicy({ ...policy, sequence: policy.sequence + 1, codeBaseUrl: base }, signers);
    return true;
  }
}
