/**
 * Which address of the Graph sandbox a request to the main server's /_sandbox may reach: only the
 * inspector's own pages. The raw request line is not trusted: `fetch` (the WHATWG URL parser)
 * resolves `..`, `%2e%2e` and backslashes, so `/_sandbox/../v1.0/users` would otherwise reach the
 * sandbox's Graph itself. Each segment is decoded once and refused if it is a dot segment, holds a
 * slash, a backslash or a control character, or cannot be decoded; the path forwarded is built
 * again from the decoded segments, so what is checked is what is sent.
 */

export const INSPECTOR_ROOT = '_sandbox';

/** `/_sandbox/…?query` to forward, re-encoded, or null when the path leaves the inspector. */
export function inspectorTarget(rawUrl: string): string | null {
  const queryStart = rawUrl.indexOf('?');
  const rawPath = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  const rawQuery = queryStart === -1 ? '' : rawUrl.slice(queryStart + 1);
  if (!rawPath.startsWith('/') || rawPath.includes('\\')) return null;
  const rawSegments = rawPath.slice(1).split('/');
  // `/_sandbox/` names the inspector's page as `/_sandbox` does.
  if (rawSegments.length > 1 && rawSegments.at(-1) === '') rawSegments.pop();
  const segments: string[] = [];
  for (const rawSegment of rawSegments) {
    const segment = decodeSegment(rawSegment);
    if (segment === null) return null;
    segments.push(segment);
  }
  if (segments[0] !== INSPECTOR_ROOT) return null;
  const query = new URLSearchParams(rawQuery).toString();
  return `/${segments.map(encodeURIComponent).join('/')}${query ? `?${query}` : ''}`;
}

function decodeSegment(raw: string): string | null {
  let segment: string;
  try {
    segment = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (segment === '' || segment === '.' || segment === '..') return null;
  for (const character of segment) {
    const code = character.codePointAt(0) ?? 0;
    if (character === '/' || character === '\\' || code < 0x20 || code === 0x7f) return null;
  }
  return segment;
}
