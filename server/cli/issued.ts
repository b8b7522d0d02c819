// The issuer's own register, off the ledger: <data dir>/issued.jsonl (mode 0600), one JSON line
// per record the ledger acknowledged, with what the public ledger must not carry — the vendor's
// name and certificate number with the holder salt of a health credential, the vendor's name of a
// stall registration, the reason of a revocation (README "Privacy"). It is what the office looks
// in when a vendor comes to the desk or a dispute is raised; keep it with the office's files and
// back it up with the data directory. Append-only: a line is never rewritten.

import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { DataDir } from '../datadir';

export interface IssuedEntry {
  id: string;
  kind: string;
  /** 'included' with its position, or 'pending' (acknowledged, not yet in a block: `--no-wait`). */
  status: 'included' | 'pending';
  height?: number;
  index?: number;
  /** When the ledger acknowledged it (ms). */
  at: number;
  /** The clear data kept off the ledger, e.g. {"vendorName","credentialNo","holderSalt"} or {"reason"}. */
  kept: Record<string, unknown>;
}

export class IssuedRegister {
  readonly file: string;

  constructor(dir: DataDir) {
    this.file = dir.path('issued.jsonl');
  }

  append(entry: IssuedEntry): void {
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
  }

  list(): IssuedEntry[] {
    if (!existsSync(this.file)) return [];
    return readFileSync(this.file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as IssuedEntry);
  }
}
