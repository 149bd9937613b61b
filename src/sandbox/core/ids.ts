/**
 * Graph-shaped identifiers. Random by default (Node's crypto); a named factory derives them from
 * SHA-256 of a seed instead, so the seeded tenant has the same ids on every run (local mode can
 * rely on them across restarts).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

export interface IdFactory {
  guid(): string;
  /** `bytes` of entropy, base64url. */
  opaque(bytes?: number): string;
  /** Planner ids are 28 base64url characters ("xqQg5FS2LkCp935s-FIFm2QAFkHM"). */
  plannerId(): string;
  /** SharePoint drive item ids: "01" + 32 upper-case base32 characters. */
  driveItemId(): string;
  /** Exchange item ids ("AAMkAD…AAA=", URL-safe alphabet), also used by To Do. */
  exchangeId(): string;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function makeFactory(nextBytes: (count: number) => Buffer, guid: () => string): IdFactory {
  return {
    guid,
    opaque: (bytes = 24) => nextBytes(bytes).toString('base64url'),
    plannerId: () => nextBytes(21).toString('base64url'),
    driveItemId: () => '01' + [...nextBytes(32)].map((byte) => BASE32[byte % 32]).join(''),
    exchangeId: () => `AAMkAD${nextBytes(66).toString('base64url')}AAA=`,
  };
}

export function createRandomIds(): IdFactory {
  return makeFactory(
    (count) => randomBytes(count),
    () => randomUUID(),
  );
}

/** Deterministic ids: the same `seed` always yields the same sequence. */
export function createSeededIds(seed: string): IdFactory {
  let counter = 0;
  const nextBytes = (count: number): Buffer => {
    const chunks: Buffer[] = [];
    let length = 0;
    while (length < count) {
      const chunk = createHash('sha256').update(`${seed}#${counter++}`).digest();
      chunks.push(chunk);
      length += chunk.length;
    }
    return Buffer.concat(chunks).subarray(0, count);
  };
  const guid = (): string => {
    const bytes = Buffer.from(nextBytes(16));
    bytes[6] = (bytes[6]! & 0x0f) | 0x40;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
  return makeFactory(nextBytes, guid);
}
