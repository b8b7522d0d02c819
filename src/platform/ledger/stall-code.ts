// From a checked inclusion proof to what the vendor prints (docs/DESIGN.md §4): the binary payload
// (encodePayload) and the QR text `<code base URL>/C#<base32>` (stallCodeText).

import { encodePayload, stallCodeText, type Bytes, type TrustPolicy } from '../../core';
import type { InclusionProof } from '../store/contract';

export function stallCodeFromInclusion(policy: TrustPolicy, inclusion: InclusionProof): { payload: Bytes; text: string } {
  const payload = encodePayload({ chainId: policy.chainId, height: inclusion.height, index: inclusion.index, proof: inclusion.proof, body: inclusion.body });
  return { payload, text: stallCodeText(policy.codeBaseUrl, payload) };
}
