/**
 * Short-lived signed links to a meeting's minutes. A browser cannot send the Teams SSO token
 * with an <iframe src> or a download link, so the tab asks (authenticated) for links that carry
 * their own proof: an HMAC over tenant, meeting, format and expiry. Nothing else is granted.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type MinutesFormat = 'docx' | 'html' | 'txt';
export const MINUTES_FORMATS: readonly MinutesFormat[] = ['docx', 'html', 'txt'];

export interface MinutesLinkClaims {
  tenantId: string;
  meetingId: string;
  format: MinutesFormat;
  /** Seconds since the epoch. */
  expiresAt: number;
}

export class MinutesLinkSigner {
  private readonly key: Buffer;

  /** Without a configured secret, a random one: links then die with the process, which is fine. */
  constructor(secret: string | null = null) {
    this.key = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  sign(claims: MinutesLinkClaims): string {
    return createHmac('sha256', this.key).update(canonical(claims)).digest('base64url');
  }

  /** True when `signature` was made by this signer for exactly these claims and has not expired. */
  verify(claims: MinutesLinkClaims, signature: string, nowSeconds: number): boolean {
    if (!Number.isInteger(claims.expiresAt) || claims.expiresAt < nowSeconds) return false;
    const expected = Buffer.from(this.sign(claims), 'base64url');
    const given = Buffer.from(signature, 'base64url');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

function canonical(claims: MinutesLinkClaims): string {
  return [
    'minutes-link-v1',
    claims.tenantId,
    claims.meetingId,
    claims.format,
    String(claims.expiresAt),
  ].join('\n');
}
