/**
 * Picks the host for this page: Teams (or another Microsoft 365 host) when one answers, the plain
 * browser otherwise. A top-level page with no opener (and no mobile host bridge) cannot be in
 * Teams and is decided at once; a framed page waits a short while for the host, never the 60 s
 * teams-js would.
 */
import { BrowserHost } from './BrowserHost';
import type { HostPort } from './HostPort';

export const DEFAULT_HOST_TIMEOUT_MS = 3000;

export interface ConnectHostOptions {
  /** How long a framed page waits for a Microsoft host to answer (default 3000 ms). */
  timeoutMs?: number;
}

/**
 * Whether this window could be hosted by Teams: it is framed, was opened by a window of another
 * origin, or is a mobile host's frameless web view (teams-js talks through the
 * `window.nativeInterface` that Teams mobile injects; such a page has no parent nor opener).
 */
export function mayHaveMicrosoftHost(win: Window = window): boolean {
  if (win.parent !== win) return true;
  if ((win as { nativeInterface?: unknown }).nativeInterface) return true;
  const opener = (win as { opener?: unknown }).opener as Window | null | undefined;
  if (!opener) return false;
  try {
    // Minutebook itself opened this window (the browser's stand-in for the stage): no host.
    return opener.location.origin !== win.location.origin;
  } catch {
    return true; // a cross-origin opener, which might be a Microsoft host
  }
}

export async function connectHost(options: ConnectHostOptions = {}): Promise<HostPort> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_HOST_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs < 0)
    throw new RangeError(`timeoutMs must be a number of milliseconds, not ${String(timeoutMs)}.`);
  if (!mayHaveMicrosoftHost()) return new BrowserHost();
  // Loaded only now: importing teams-js already makes a request to Microsoft's CDN.
  const { startTeams, TeamsHost } = await import('./TeamsHost');
  const started = await startTeams(timeoutMs);
  if (!started.ok) {
    console.warn(
      `Minutebook: ${started.reason}; running as a plain browser page with the local user.`,
    );
    return new BrowserHost();
  }
  const host = await TeamsHost.connect({ timeoutMs });
  host.notifyLoaded();
  return host;
}
