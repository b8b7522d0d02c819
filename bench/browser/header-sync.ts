// Header-sync bench page (figure 2): what a device does with each downloaded page of headers,
// minus the download: decode the page, verify it (links, heights, chain, time order, one quorum
// check on its last header: the core's verifyHeaderChain) and append it to the app's IndexedDB
// header store (src/platform/store, Dexie) with the page tip's signatures, as header sync does.

import { decodeHeaderPage, decodePolicy, encodeSignedHeader, verifyHeaderChain, type ChainAnchor } from '../../src/core';
import { openDexieStore } from '../../src/platform/store';

export interface HeaderSyncRun {
  ms: number;
  headers: number;
  /** The store's own accounting of header bytes (headerStats().chainBytes). */
  chainBytes: number;
  signedHeaders: number;
  /** navigator.storage.estimate() usage after minus before (IndexedDB files, all overhead). */
  usageDelta: number | null;
}

export interface HeaderSyncBench {
  load(urls: string[]): Promise<number>;
  run(policyB64: string, dbName: string): Promise<HeaderSyncRun>;
}

declare global {
  interface Window {
    sanmaHeaderSync: HeaderSyncBench;
  }
}

let pages: Uint8Array[] = [];

async function usage(): Promise<number | null> {
  const est = await navigator.storage?.estimate?.();
  return est?.usage ?? null;
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error ?? new Error(`deleteDatabase ${name} failed`));
  });
}

window.sanmaHeaderSync = {
  async load(urls) {
    pages = await Promise.all(
      urls.map(async (u) => {
        const res = await fetch(u);
        if (!res.ok) throw new Error(`${u}: HTTP ${res.status}`);
        return new Uint8Array(await res.arrayBuffer());
      }),
    );
    return pages.length;
  },

  async run(policyB64, dbName) {
    const policy = decodePolicy(Uint8Array.from(atob(policyB64), (c) => c.charCodeAt(0)));
    await deleteDatabase(dbName);
    const before = await usage();
    const store = await openDexieStore({ name: dbName });
    let tip: ChainAnchor = { height: 0, hash: policy.genesisHash, time: 0 };
    const t0 = performance.now();
    for (const bytes of pages) {
      const page = decodeHeaderPage(bytes);
      const r = verifyHeaderChain(tip, page.headers, page.lastSignatures, policy);
      if (!r.ok) throw new Error(`page after ${tip.height}: ${r.reason} at ${r.height}`);
      const last = r.headers[r.headers.length - 1]!;
      await store.appendHeaders(r.headers, {
        height: last.header.height,
        signed: encodeSignedHeader({ header: last.bytes, signatures: page.lastSignatures }),
        verifiedAt: Date.now(),
      });
      tip = { height: last.header.height, hash: last.hash, time: last.header.time };
    }
    const ms = performance.now() - t0;
    const stats = await store.headerStats();
    store.close();
    const after = await usage();
    await deleteDatabase(dbName);
    return {
      ms,
      headers: stats.chainHeaders,
      chainBytes: stats.chainBytes,
      signedHeaders: stats.signedHeaders,
      usageDelta: before === null || after === null ? null : after - before,
    };
  },
};
