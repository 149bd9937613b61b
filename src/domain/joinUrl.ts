/**
 * Teams join URLs, compared as the same meeting whatever API they came from: Graph's online
 * meetings, chats and calendar events percent-encode them to different degrees (`19:meeting_…`
 * or `19%3ameeting_…`), with or without a trailing slash, in any case.
 */

/** The join URL decoded (up to three times), without trailing slashes, in lower case. */
export function normalizeJoinUrl(url: string): string {
  let decoded = url.trim();
  for (let i = 0; i < 3; i += 1) {
    try {
      const next = decodeURIComponent(decoded);
      if (next === decoded) break;
      decoded = next;
    } catch {
      break;
    }
  }
  return decoded.replace(/\/+$/, '').toLowerCase();
}

export function sameJoinUrl(a: string, b: string): boolean {
  return normalizeJoinUrl(a) === normalizeJoinUrl(b);
}
