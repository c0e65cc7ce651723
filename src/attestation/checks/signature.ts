/** Check 3, `signature`: the token verifies with the leaf's key, and its payload is a JSON object of claims. */
import { compactVerify, importX509 } from 'jose';
import { algorithmOf } from '../pki-pem.js';
import type { SigningAlgorithm } from '../types.js';
import { type Check, dn } from './appraising.js';

export const signatureCheck: Check = async (a) => {
  const leaf = a.path![0]!;
  const alg = a.header!.alg as SigningAlgorithm;
  const keyAlg = algorithmOf(leaf);
  if (keyAlg !== alg) return `alg ${alg} but the leaf's key is for ${keyAlg ?? 'another algorithm'}`;
  const key = await importX509(leaf.toString('pem'), alg);
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(a.token, key, { algorithms: [alg] }));
  } catch {
    return `the token's signature does not verify with the key of ${dn(leaf)}`;
  }
  try {
    const claims: unknown = JSON.parse(new TextDecoder().decode(payload));
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new Error();
    a.claims = claims as Record<string, unknown>;
  } catch {
    return 'the signed payload is not a JSON object of claims';
  }
  return undefined;
};
