// The issuer CLI's outbox: one file per signed record that the ledger has not acknowledged yet,
// in <data dir>/outbox/. The rule is the vendor app's (src/platform/ledger/outbox.ts): sign once,
// resubmit the same bytes until acknowledged. A command for a subject that already has a record
// waiting (the same stall, the same vendor's credential, the same revocation target) resubmits
// that record instead of signing a second one, so a retry after a time-out never creates a
// duplicate credential or registration.

import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { decodeRecord, fromHex, recordId, refKey, toHex, type LedgerRecord, type SignedRecord } from '../../src/core';
import { writeJson, type DataDir } from '../datadir';

interface OutboxFile {
  subject: string;
  body: string;
  signature: string;
  /** What the command printed beside the record (e.g. the holder salt), printed again on resubmit. */
  extra: Record<string, unknown>;
  /** Clear data for the issuer's own register (issued.ts), written once the ledger acknowledges. */
  kept?: Record<string, unknown>;
}

/** What a record is about: a second record about the same subject is a duplicate. */
export function subjectOf(record: LedgerRecord): string {
  switch (record.kind) {
    case 'stall-registration':
      return `stall:${record.stallNo}`;
    case 'health-credential':
      return `health:${toHex(record.vendorKey)}`;
    case 'revocation':
      return `revoke:${refKey(record.target)}`;
    case 'stall-code':
      return `code:${record.stallNo}`;
  }
}

export class IssuerOutbox {
  private readonly dir: string;

  constructor(dataDir: DataDir) {
    this.dir = dataDir.path('outbox');
  }

  file(signed: SignedRecord): string {
    return join(this.dir, `${toHex(recordId(signed.body))}.json`);
  }

  find(subject: string): { signed: SignedRecord; extra: Record<string, unknown>; kept: Record<string, unknown> } | undefined {
    if (!existsSync(this.dir)) return undefined;
    for (const name of readdirSync(this.dir).filter((n) => n.endsWith('.json'))) {
      const f = JSON.parse(readFileSync(join(this.dir, name), 'utf8')) as OutboxFile;
      if (f.subject !== subject) continue;
      const signed = { body: fromHex(f.body), signature: fromHex(f.signature) };
      decodeRecord(signed.body);
      return { signed, extra: f.extra, kept: f.kept ?? {} };
    }
    return undefined;
  }

  put(signed: SignedRecord, extra: Record<string, unknown>, kept: Record<string, unknown> = {}): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const f: OutboxFile = { subject: subjectOf(decodeRecord(signed.body)), body: toHex(signed.body), signature: toHex(signed.signature), extra, kept };
    writeJson(this.file(signed), f, 0o600);
  }

  remove(signed: SignedRecord): void {
    rmSync(this.file(signed), { force: true });
  }
}
