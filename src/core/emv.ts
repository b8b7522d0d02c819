// EMV® QR Code Specification for Payment Systems, Merchant-Presented Mode (EMVCo MPM):
// parsing and building the payment payloads a stall registers as its payment channels
// (docs/DESIGN.md §4). Strict where a mistake would change what is paid or where the structure is
// ambiguous (TLV syntax, lengths, order, duplicates, CRC); lenient on content, because a code
// that real bank apps pay must not be rejected here: missing or unusual 52/53/58/59/60/00/01
// values are warnings.
//
// Each data object is id (2 digits) ‖ length (2 digits) ‖ value. Lengths count characters —
// Unicode code points — not bytes: the EMVCo example has Chinese in template 64. For the Chinese
// in real codes (BMP) this equals the UTF-16 length most apps use. The CRC (id 63, last) is
// CRC-16/CCITT-FALSE over the UTF-8 bytes of everything up to and including "6304".

import { fail, CoreError, type CoreErrorCode } from './errors';
import { utf8 } from './bytes';

export interface EmvField {
  id: string;
  value: string;
  /** Sub-fields of a template (26–51, 62, 64, 80–99); one level deep. */
  subfields?: EmvField[];
}

export type EmvWarning =
  | 'MISSING_MCC' // 52
  | 'MISSING_CURRENCY' // 53
  | 'MISSING_COUNTRY' // 58
  | 'MISSING_MERCHANT_NAME' // 59
  | 'MISSING_MERCHANT_CITY' // 60
  | 'UNKNOWN_POINT_OF_INITIATION' // 01 present but neither "11" (static) nor "12" (dynamic)
  | 'UNKNOWN_FORMAT_INDICATOR' // 00 is not "01"
  | 'MISSING_LANGUAGE_PREFERENCE'; // template 64 without its 00 (language)

export interface EmvPayload {
  /** Every top-level field in input order, 00 first and 63 last. */
  fields: EmvField[];
  merchantName?: string;
  merchantCity?: string;
  countryCode?: string;
  currency?: string;
  amount?: string;
  /** Ids 02–51: primitive 02–25 (card-scheme PANs), templates 26–51. */
  merchantAccounts: EmvField[];
  /** Template 64; `language` is "" when the template lacks its 00. */
  alternateLanguage?: { language: string; name?: string; city?: string };
  /** Upper-case hex, as computed (an input CRC in lower case is accepted). */
  crc: string;
  warnings: EmvWarning[];
}

/** EMVCo: a payload is at most 512 characters. */
const MAX_CHARS = 512;

function isTemplate(id: number): boolean {
  return (id >= 26 && id <= 51) || id === 62 || id === 64 || id >= 80;
}

function isTwoDigits(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a >= '0' && a <= '9' && b >= '0' && b <= '9';
}

/** Code points of `text`; a lone surrogate has no UTF-8 form, so the CRC could not cover it. */
function codePoints(text: string, what: string): string[] {
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!.charCodeAt(0);
    if (chars[i]!.length === 1 && c >= 0xd800 && c <= 0xdfff) fail('BAD_UTF8', `${what}: lone surrogate at character ${i}`);
  }
  return chars;
}

/**
 * Splits chars[start, end) into data objects. At the top level (`template` undefined) a value
 * past the end means the input is truncated (EMV_BAD_TLV); inside a template it means the
 * template's length and its sub-fields' lengths disagree (EMV_BAD_LENGTH). Templates are split
 * one level deep (62's own sub-templates 50–99 stay strings). A zero length is unambiguous and
 * accepted.
 */
function splitTlv(chars: string[], start: number, end: number, template?: string): EmvField[] {
  const fields: EmvField[] = [];
  const seen = new Set<string>();
  const overrun: CoreErrorCode = template === undefined ? 'EMV_BAD_TLV' : 'EMV_BAD_LENGTH';
  const inTemplate = template === undefined ? '' : ` in template ${template}`;
  let pos = start;
  while (pos < end) {
    if (end - pos < 4) fail(overrun, `${end - pos} characters after the last field${inTemplate}`);
    const [i0, i1, l0, l1] = chars.slice(pos, pos + 4);
    if (!isTwoDigits(i0, i1)) fail('EMV_BAD_TLV', `id ${JSON.stringify(`${i0}${i1}`)} at character ${pos} is not two digits`);
    const id = `${i0}${i1}`;
    const label = template === undefined ? `field ${id}` : `field ${template}.${id}`;
    if (!isTwoDigits(l0, l1)) fail('EMV_BAD_TLV', `${label}: length ${JSON.stringify(`${l0}${l1}`)} is not two digits`);
    const length = Number(`${l0}${l1}`);
    const present = end - pos - 4;
    if (present < length) fail(overrun, `${label} declares ${length} characters, ${present} present${inTemplate}`);
    if (seen.has(id)) fail('EMV_BAD_TLV', `${label} appears twice`);
    seen.add(id);
    const field: EmvField = { id, value: chars.slice(pos + 4, pos + 4 + length).join('') };
    if (template === undefined && isTemplate(Number(id))) field.subfields = splitTlv(chars, pos + 4, pos + 4 + length, id);
    fields.push(field);
    pos += 4 + length;
  }
  return fields;
}

// CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, MSB first, no reflection, no final xor.
const CRC_TABLE = new Uint16Array(256);
for (let n = 0; n < 256; n++) {
  let c = n << 8;
  for (let k = 0; k < 8; k++) c = c & 0x8000 ? (c << 1) ^ 0x1021 : c << 1;
  CRC_TABLE[n] = c & 0xffff;
}

export function crc16ccitt(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (let i = 0; i < bytes.length; i++) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 8) ^ bytes[i]!) & 0xff]!) & 0xffff;
  return crc;
}

function crcHex(textUpToAndIncluding6304: string): string {
  return crc16ccitt(utf8(textUpToAndIncluding6304)).toString(16).toUpperCase().padStart(4, '0');
}

export function parseEmv(text: string): EmvPayload {
  // Cheap bound first (a code point is at most two UTF-16 units), exact bound after.
  if (text.length > 2 * MAX_CHARS) fail('LIMIT_EXCEEDED', `EMV payload: ${text.length} UTF-16 units > ${2 * MAX_CHARS}`);
  const chars = codePoints(text, 'EMV payload');
  if (chars.length > MAX_CHARS) fail('LIMIT_EXCEEDED', `EMV payload: ${chars.length} characters > ${MAX_CHARS}`);

  const fields = splitTlv(chars, 0, chars.length);
  const first = fields[0];
  const last = fields[fields.length - 1];
  if (first?.id !== '00') fail('EMV_BAD_ORDER', first ? `field 00 must come first, found ${first.id}` : 'no fields');
  if (last?.id !== '63') {
    const has63 = fields.some((f) => f.id === '63');
    fail('EMV_BAD_ORDER', has63 ? `field 63 (CRC) must come last, found ${last?.id}` : 'field 63 (CRC) is missing');
  }

  if (last.value.length !== 4 || !/^[0-9A-Fa-f]{4}$/.test(last.value)) {
    fail('EMV_BAD_CRC', `field 63 must be 4 hex digits, got ${JSON.stringify(last.value)}`);
  }
  // The spec writes the CRC in upper case; generators that emit lower case exist and bank apps
  // compare the value, not the spelling, so lower case is accepted here and reported upper-case.
  const crc = crcHex(text.slice(0, text.length - 4));
  if (last.value.toUpperCase() !== crc) fail('EMV_BAD_CRC', `field 63 is ${last.value}, computed ${crc}`);

  const merchantAccounts = fields.filter((f) => f.id >= '02' && f.id <= '51');
  if (merchantAccounts.length === 0) fail('EMV_NO_MERCHANT_ACCOUNT', 'no merchant account information (ids 02-51)');

  const byId = new Map(fields.map((f) => [f.id, f]));
  const value = (id: string): string | undefined => byId.get(id)?.value;
  const warnings: EmvWarning[] = [];
  if (value('00') !== '01') warnings.push('UNKNOWN_FORMAT_INDICATOR');
  const initiation = value('01');
  if (initiation !== undefined && initiation !== '11' && initiation !== '12') warnings.push('UNKNOWN_POINT_OF_INITIATION');
  const required: [string, EmvWarning][] = [
    ['52', 'MISSING_MCC'],
    ['53', 'MISSING_CURRENCY'],
    ['58', 'MISSING_COUNTRY'],
    ['59', 'MISSING_MERCHANT_NAME'],
    ['60', 'MISSING_MERCHANT_CITY'],
  ];
  for (const [id, warning] of required) if (!byId.has(id)) warnings.push(warning);

  const payload: EmvPayload = { fields, merchantAccounts, crc, warnings };
  const optional: [string, 'merchantName' | 'merchantCity' | 'countryCode' | 'currency' | 'amount'][] = [
    ['59', 'merchantName'],
    ['60', 'merchantCity'],
    ['58', 'countryCode'],
    ['53', 'currency'],
    ['54', 'amount'],
  ];
  for (const [id, key] of optional) {
    const v = value(id);
    if (v !== undefined) payload[key] = v;
  }

  const language = byId.get('64')?.subfields;
  if (language) {
    const sub = (id: string) => language.find((f) => f.id === id)?.value;
    const alternate: NonNullable<EmvPayload['alternateLanguage']> = { language: sub('00') ?? '' };
    if (sub('00') === undefined) warnings.push('MISSING_LANGUAGE_PREFERENCE');
    if (sub('01') !== undefined) alternate.name = sub('01');
    if (sub('02') !== undefined) alternate.city = sub('02');
    payload.alternateLanguage = alternate;
  }
  return payload;
}

export function tryParseEmv(
  text: string,
): { ok: true; value: EmvPayload } | { ok: false; code: CoreErrorCode; message: string } {
  try {
    return { ok: true, value: parseEmv(text) };
  } catch (e) {
    if (e instanceof CoreError) return { ok: false, code: e.code, message: e.message };
    throw e; // a bug, not a bad payload
  }
}

function serialise(fields: EmvField[], path: string): string {
  let out = '';
  const seen = new Set<string>();
  for (const f of fields) {
    const label = `field ${path}${f.id}`;
    if (!/^[0-9]{2}$/.test(f.id)) fail('EMV_BAD_TLV', `${label}: id must be two digits`);
    if (seen.has(f.id)) fail('EMV_BAD_TLV', `${label} appears twice`);
    seen.add(f.id);
    let value = f.value;
    if (f.subfields) {
      value = serialise(f.subfields, `${path}${f.id}.`);
      // A parsed field carries both; they must agree, or it is unclear which one to write.
      if (f.value !== '' && f.value !== value) fail('BAD_VALUE', `${label}: value disagrees with its sub-fields`);
    }
    const length = codePoints(value, label).length;
    if (length > 99) fail('EMV_BAD_LENGTH', `${label}: ${length} characters > 99`);
    out += `${f.id}${String(length).padStart(2, '0')}${value}`;
  }
  return out;
}

/**
 * Writes `fields` in the given order (00 first; no 63) and appends 6304 and the CRC.
 * The result is parsed back, so whatever parseEmv would reject is rejected here too.
 */
export function buildEmv(fields: EmvField[]): string {
  if (fields.some((f) => f.id === '63')) fail('EMV_BAD_ORDER', 'field 63 (CRC) is appended by buildEmv');
  const body = serialise(fields, '') + '6304';
  const text = body + crcHex(body);
  parseEmv(text);
  return text;
}

/** Cheap sniff for "is this meant to be an EMV payload": the payload format indicator. */
export function looksLikeEmv(text: string): boolean {
  return text.startsWith('000201');
}

/** Who is paid and where, for "not a Sanma code — a payment code of X in Y". */
export function describeEmv(p: EmvPayload): { payee?: string; city?: string } {
  const pick = (...xs: (string | undefined)[]) => xs.find((x) => x !== undefined && x.trim() !== '')?.trim();
  const out: { payee?: string; city?: string } = {};
  const payee = pick(p.merchantName, p.alternateLanguage?.name);
  const city = pick(p.merchantCity, p.alternateLanguage?.city);
  if (payee !== undefined) out.payee = payee;
  if (city !== undefined) out.city = city;
  return out;
}
