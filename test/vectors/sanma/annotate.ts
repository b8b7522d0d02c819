// A second, independent reading of the Sanma byte format, written from docs/FORMAT.md rather than
// from src/core/codec: it walks encoded bytes field by field and labels each one. It produces the
// annotated hex examples and the size table of FORMAT.md, and because it throws unless it consumes
// every byte exactly, it also checks that the layout the document describes is the one the codec
// writes. It does not validate values (limits, NFC, enums): that is the codec's job.

const decoder = new TextDecoder('utf-8', { fatal: true });

export interface Field {
  /** Section of the size table this field is counted in. */
  group: string;
  label: string;
  /** Shown separated by a space, e.g. a length prefix and its content. */
  parts: Uint8Array[];
}

export const fieldLength = (f: Field): number => f.parts.reduce((n, p) => n + p.length, 0);

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const isoDay = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

export class Walk {
  readonly fields: Field[] = [];
  group = '';
  private pos = 0;

  constructor(private readonly input: Uint8Array) {}

  get remaining(): number {
    return this.input.length - this.pos;
  }

  private slice(n: number, what: string): Uint8Array {
    if (this.pos + n > this.input.length) throw new Error(`${what}: the layout runs past the end at byte ${this.pos}`);
    const out = this.input.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  private leb128(what: string): { value: number; bytes: Uint8Array } {
    const start = this.pos;
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = this.slice(1, what)[0]!;
      value += (b & 0x7f) * scale;
      scale *= 128;
      if ((b & 0x80) === 0) break;
    }
    return { value, bytes: this.input.subarray(start, this.pos) };
  }

  push(label: string, ...parts: Uint8Array[]): void {
    this.fields.push({ group: this.group, label, parts });
  }

  u8(label: (v: number) => string): number {
    const b = this.slice(1, 'byte');
    this.push(label(b[0]!), b);
    return b[0]!;
  }

  varint(label: (v: number) => string): number {
    const { value, bytes } = this.leb128('varint');
    this.push(label(value), bytes);
    return value;
  }

  time(label: string): number {
    return this.varint((v) => `${label} ${v} ms = ${iso(v)}`);
  }

  fixed(n: number, label: string): Uint8Array {
    const b = this.slice(n, label);
    this.push(label, b);
    return b;
  }

  text(label: string): string {
    const { value, bytes } = this.leb128(label);
    const content = this.slice(value, label);
    const s = decoder.decode(content);
    this.push(`${label} ${JSON.stringify(s.length > 40 ? s.slice(0, 37) + '…' : s)} (${value} bytes)`, bytes, content);
    return s;
  }

  /** varint length ‖ bytes, walked by `inner` (which must consume exactly that length). */
  nested(label: string, inner: (w: Walk) => void): void {
    const { value, bytes } = this.leb128(label);
    this.push(`${label} length ${value}`, bytes);
    const w = new Walk(this.slice(value, label));
    w.group = this.group;
    inner(w);
    w.end();
    this.fields.push(...w.fields);
  }

  end(): void {
    if (this.pos !== this.input.length) throw new Error(`the layout ends at byte ${this.pos} of ${this.input.length}`);
  }
}

// ---- the formats, as FORMAT.md describes them ----

const CHANNEL_TYPES = ['', 'emv', 'url'];
const UNITS = ['', 'g', 'kg', 'jin', 'piece'];
const TESTS = ['none', 'pass', 'fail'];
const PERMISSIONS = ['', 'stall registration', 'health credential', 'stall registration + health credential'];

function channels(w: Walk): void {
  const n = w.varint((v) => `channel count ${v}`);
  for (let i = 0; i < n; i++) {
    w.u8((v) => `channel ${i + 1} type ${v} = ${CHANNEL_TYPES[v]}`);
    w.text(`channel ${i + 1} label`);
    w.text(`channel ${i + 1} value`);
  }
}

function batch(w: Walk, i: number): void {
  w.text(`batch ${i} product`);
  w.text(`batch ${i} origin`);
  w.text(`batch ${i} supplier`);
  w.varint((v) => `batch ${i} amount ${v}`);
  w.u8((v) => `batch ${i} unit ${v} = ${UNITS[v]}`);
  w.varint((v) => `batch ${i} day ${v} = ${isoDay(v)}`);
  w.u8((v) => `batch ${i} rapid test ${v} = ${TESTS[v]}`);
}

/** Record format 2: kind bytes 05–08 (01–04 were format 1). */
const KINDS: Record<number, string> = { 5: 'stall registration', 6: 'health credential', 7: 'revocation', 8: 'stall code' };

export function walkRecord(w: Walk): void {
  const kind = w.u8((v) => `kind ${v} = ${KINDS[v] ?? '?'}`);
  switch (kind) {
    case 5: {
      w.fixed(32, 'issuer public key (market office)');
      w.time('issuedAt');
      w.text('stall number');
      w.text('stall name');
      w.fixed(32, 'vendor public key');
      const flag = w.u8((v) => `supersedes ${v} = ${v === 0 ? 'none (a new stall)' : v === 1 ? 'replaces the registration at (height, index) below' : '?'}`);
      if (flag === 1) {
        w.varint((v) => `supersedes height ${v}`);
        w.varint((v) => `supersedes index ${v}`);
      }
      channels(w);
      break;
    }
    case 6:
      w.fixed(32, 'issuer public key (health authority)');
      w.time('issuedAt');
      w.fixed(32, 'vendor public key');
      w.fixed(32, 'holder commitment = SHA-256("sanma/v1/holder" ‖ 00 ‖ salt ‖ name ‖ number)');
      w.time('validFrom');
      w.time('validUntil');
      break;
    case 7:
      w.fixed(32, 'issuer public key (signer of the target)');
      w.time('issuedAt');
      w.varint((v) => `target height ${v}`);
      w.varint((v) => `target index ${v}`);
      w.fixed(32, 'target id = leaf hash of the target body');
      break;
    case 8: {
      w.time('issuedAt');
      w.text('stall number');
      w.text('stall name');
      w.varint((v) => `registration height ${v}`);
      w.varint((v) => `registration index ${v}`);
      w.varint((v) => `health credential height ${v}`);
      w.varint((v) => `health credential index ${v}`);
      w.time('health credential validUntil (copy)');
      channels(w);
      const n = w.varint((v) => `batch count ${v}`);
      for (let i = 1; i <= n; i++) batch(w, i);
      break;
    }
    default:
      throw new Error(`unknown record kind ${kind}`);
  }
}

export function walkPolicy(w: Walk): void {
  w.u8((v) => `policy version ${v}`);
  w.varint((v) => `sequence ${v}`);
  w.text('chain id');
  w.fixed(32, 'genesis hash');
  const nv = w.varint((v) => `validator count ${v}`);
  for (let i = 1; i <= nv; i++) {
    w.fixed(32, `validator ${i} public key`);
    w.text(`validator ${i} name`);
  }
  w.varint((v) => `threshold ${v}`);
  const ni = w.varint((v) => `issuer count ${v}`);
  for (let i = 1; i <= ni; i++) {
    w.fixed(32, `issuer ${i} public key`);
    w.text(`issuer ${i} name`);
    w.u8((v) => `issuer ${i} permissions ${v} = ${PERMISSIONS[v] ?? '?'}`);
  }
  w.text('code base URL');
  w.varint((v) => `maxHeaderAgeSeconds ${v}`);
  w.varint((v) => `maxRevocationAgeSeconds ${v}`);
  w.varint((v) => `maxCodeAgeSeconds ${v}`);
  w.varint((v) => `maxProduceAgeSeconds ${v}`);
  w.varint((v) => `maxPolicyAgeSeconds ${v}`);
  w.varint((v) => `utcOffsetMinutes + 720 = ${v}: UTC${v - 720 < 0 ? '−' : '+'}${String(Math.floor(Math.abs(v - 720) / 60)).padStart(2, '0')}:${String(Math.abs(v - 720) % 60).padStart(2, '0')}`);
}

export function walkHeader(w: Walk): void {
  w.u8((v) => `header version ${v}`);
  w.text('chain id');
  w.varint((v) => `height ${v}`);
  w.fixed(32, 'prevHash');
  w.time('time');
  w.varint((v) => `recordCount ${v}`);
  w.fixed(32, 'recordsRoot');
  w.varint((v) => `revocationCount ${v}`);
  w.fixed(32, 'revocationsHash');
}

export function walkSignatures(w: Walk): void {
  const n = w.varint((v) => `signature count ${v}`);
  for (let i = 1; i <= n; i++) {
    w.fixed(32, `signer ${i} public key`);
    w.fixed(64, `signer ${i} Ed25519 signature`);
  }
}

export function walkSignedHeader(w: Walk): void {
  w.nested('header', walkHeader);
  walkSignatures(w);
}

export function walkSignedRecord(w: Walk): void {
  w.nested('body', walkRecord);
  w.fixed(64, 'Ed25519 signature');
}

export function walkPayload(w: Walk): void {
  w.group = 'position';
  w.u8((v) => `payload version ${v}`);
  w.text('chain id');
  w.varint((v) => `block height ${v}`);
  w.varint((v) => `leaf index ${v}`);
  w.group = 'inclusion proof';
  const n = w.varint((v) => `proof hash count ${v}`);
  for (let i = 1; i <= n; i++) w.fixed(32, `proof hash ${i}`);
  w.group = 'stall-code record';
  walkRecord(w);
}

/** Walks `bytes` with `layout` and renders the annotated hex block of FORMAT.md. */
export function annotate(bytes: Uint8Array, layout: (w: Walk) => void): string {
  const w = new Walk(bytes);
  layout(w);
  w.end();
  return render(w.fields);
}

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** One field a line, `hex  # label`; values longer than 32 bytes continue on lines of 32 bytes. */
export function render(fields: readonly Field[]): string {
  const rows: [string, string][] = [];
  for (const f of fields) {
    const shown = f.parts.map(hex).join(' ');
    // A long value continues on lines of 32 bytes; its length prefix stays apart on the first.
    const last = hex(f.parts[f.parts.length - 1]!);
    const prefix = f.parts.slice(0, -1).map(hex).join(' ');
    const chunks = shown.length <= 67 ? [shown] : (last.match(/.{1,64}/g) ?? []);
    if (shown.length > 67 && prefix) chunks[0] = `${prefix} ${chunks[0]}`;
    chunks.forEach((c, i) => rows.push([c, i === 0 ? f.label : '']));
  }
  const width = Math.max(...rows.map(([h]) => h.length)) + 2;
  return rows.map(([h, label]) => (label ? `${h.padEnd(width)}# ${label}` : h)).join('\n');
}

/** The hex of an annotated block: everything before '#' on each line, whitespace removed. */
export function hexOfBlock(block: string): string {
  return block
    .split('\n')
    .map((line) => line.split('#')[0]!.replace(/\s+/g, ''))
    .join('');
}
