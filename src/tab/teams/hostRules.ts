/**
 * Rules both hosts apply the same way, so a page behaves alike in Teams and in a plain browser:
 * which frames may do what, which URLs may go to the stage, what a tab configuration must hold.
 */
import { HostError } from './HostPort';
import type { FrameContext, HostTheme, TabConfiguration } from './HostPort';

export const FRAME_CONTEXTS: readonly FrameContext[] = [
  'settings',
  'content',
  'sidePanel',
  'meetingStage',
  'personal',
];

/** Frames from which teams-js lets an app share to, or ask about, the meeting stage. */
export const STAGE_SHARING_FRAMES: readonly FrameContext[] = ['sidePanel', 'meetingStage'];

export function isFrameContext(value: unknown): value is FrameContext {
  return typeof value === 'string' && (FRAME_CONTEXTS as readonly string[]).includes(value);
}

/** The `?frame=` of a page URL when it names one of our frames, else null. */
export function frameFromQuery(href: string): FrameContext | null {
  const frame = new URL(href).searchParams.get('frame');
  return isFrameContext(frame) ? frame : null;
}

/**
 * Maps Teams' frame context to ours: `stage` and `meetingStage` are the meeting stage; `content`
 * is the personal "My actions" tab when the page URL says `?frame=personal`; `remove` shows the
 * settings page; a dialog (`task`) or sign-in window (`authentication`) shows content.
 */
export function toFrameContext(teamsFrame: string | undefined, pageHref: string): FrameContext {
  switch (teamsFrame) {
    case 'stage':
    case 'meetingStage':
      return 'meetingStage';
    case 'sidePanel':
      return 'sidePanel';
    case 'settings':
    case 'remove':
      return 'settings';
    default:
      return frameFromQuery(pageHref) === 'personal' ? 'personal' : 'content';
  }
}

export function toHostTheme(value: unknown): HostTheme {
  return value === 'dark' || value === 'contrast' ? value : 'default';
}

export function refuseStageSharing(frame: string): HostError {
  return new HostError(
    'not_supported',
    `Sharing to the stage works from the meeting side panel; this page is in the ${frame} frame.`,
  );
}

export function refuseConfiguration(frame: string): HostError {
  return new HostError(
    'not_supported',
    `Saving a tab configuration works on the tab's settings page; this page is in the ${frame} frame.`,
  );
}

/**
 * The absolute URL to put on the stage: `url` resolved against the page, which must stay on the
 * tab's own origin (Teams only shows pages from the app's valid domains on the stage).
 */
export function stageUrl(url: unknown, pageHref: string): string {
  if (typeof url !== 'string' || url.trim() === '') {
    throw new HostError(
      'not_supported',
      'Sharing to the stage needs the URL of a Minutebook page; none was given.',
    );
  }
  let resolved: URL;
  try {
    resolved = new URL(url, pageHref);
  } catch {
    throw new HostError(
      'not_supported',
      `"${url.slice(0, 80)}" is not a URL; share the URL of a Minutebook page to the stage.`,
    );
  }
  const page = new URL(pageHref);
  if (resolved.origin !== page.origin) {
    throw new HostError(
      'not_supported',
      `Only Minutebook's own pages (${page.origin}) can be shared to the stage, not ${resolved.origin}.`,
    );
  }
  return resolved.href;
}

/**
 * Checks what a settings page wants saved, as Teams would before accepting it: every field filled,
 * the content URL absolute on the tab's origin, the website URL absolute http(s).
 */
export function checkTabConfiguration(config: unknown, pageHref: string): TabConfiguration {
  if (typeof config !== 'object' || config === null) {
    throw new HostError(
      'host_failed',
      'The settings page gave no configuration to save; fill in the form and press Save again.',
    );
  }
  const fields = config as Partial<Record<keyof TabConfiguration, unknown>>;
  const checked = {} as TabConfiguration;
  for (const key of ['contentUrl', 'websiteUrl', 'entityId', 'suggestedDisplayName'] as const) {
    const value = fields[key];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new HostError(
        'host_failed',
        `The tab configuration has no ${key}; fill in the form and press Save again.`,
      );
    }
    checked[key] = value;
  }
  const page = new URL(pageHref);
  const content = absoluteUrl(checked.contentUrl, 'contentUrl');
  if (content.origin !== page.origin) {
    throw new HostError(
      'host_failed',
      `The tab's content URL must be a Minutebook page on ${page.origin}, not ${content.origin}.`,
    );
  }
  absoluteUrl(checked.websiteUrl, 'websiteUrl');
  return checked;
}

function absoluteUrl(value: string, key: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new HostError(
      'host_failed',
      `The tab configuration's ${key} "${value.slice(0, 80)}" is not an absolute URL.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new HostError(
      'host_failed',
      `The tab configuration's ${key} must be an http(s) URL, not ${url.protocol}.`,
    );
  }
  return url;
}

/** A listener set whose failing listener does not stop the others. */
export class Listeners<T> {
  private readonly listeners = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
    // Wrapped so the same function added twice is called twice and removed once per unsubscribe.
    const entry = (value: T): void => listener(value);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  emit(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        console.error('Minutebook: a host listener failed', error);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) {
    const { message, errorCode } = error as { message?: unknown; errorCode?: unknown };
    if (typeof message === 'string' && message !== '') return message;
    if (errorCode !== undefined) return `error code ${String(errorCode)}`;
  }
  return String(error);
}
