/**
 * What a failure means and what to do about it, keyed by error code: the API's codes
 * (docs/api.md), the host port's (HostError) and the tab's own.
 */
export interface ErrorAdvice {
  title: string;
  /** One sentence: what the user can do now. */
  action: string;
}

const ADVICE: Record<string, ErrorAdvice> = {
  not_found: {
    title: 'This meeting could not be found.',
    action:
      'It may have been deleted or belong to another organisation: open the tab settings and choose the meeting again.',
  },
  token_tenant_not_allowed: {
    title: 'Your organisation is not allowed to use this Minutebook server.',
    action: 'Ask your Minutebook administrator to add your tenant to ALLOWED_TENANTS.',
  },
  auth_failed: {
    title: 'Teams could not sign you in to Minutebook.',
    action:
      'Close and reopen the tab; if it keeps failing, ask your administrator to grant the app consent.',
  },
  token: {
    title: 'Minutebook could not confirm who you are.',
    action:
      'Close and reopen the tab to get a fresh sign-in; if it keeps failing, sign out of Teams and back in.',
  },
  jwks_unavailable: {
    title: 'Microsoft sign-in keys could not be fetched.',
    action: 'Wait a minute and try again.',
  },
  not_supported: {
    title: 'This Teams client does not support this page.',
    action: 'Update Teams, or open the meeting in the Teams desktop or web app.',
  },
  not_in_meeting: {
    title: 'This page works only inside a Teams meeting.',
    action: "Open it from the meeting's side panel or share it to the meeting stage.",
  },
  host_failed: {
    title: 'Teams did not answer.',
    action: 'Reload the tab; if it keeps happening, restart Teams.',
  },
  auth_unavailable: {
    title: 'Teams did not give Minutebook a sign-in token.',
    action:
      'Close and reopen the tab; if it keeps failing, ask your administrator to grant the app consent.',
  },
  network: {
    title: 'The Minutebook server cannot be reached.',
    action:
      'Check your connection and try again; changes already made are kept on this device and sent when it is back.',
  },
  meeting_final: {
    title: 'These minutes are final and locked.',
    action: 'No more changes can be made; ask the secretary if a correction is needed.',
  },
  forbidden: {
    title: 'Your role on this committee does not allow this.',
    action:
      'The message below names the role needed; ask an owner of the committee to do it for you or to give you that role.',
  },
  duplicate_reference: {
    title: 'The committee already has a meeting with this reference.',
    action: 'Open that meeting instead, or give this one another number or date.',
  },
  duplicate_code: {
    title: 'Another committee already uses this code.',
    action: 'Give this committee another code; meeting references and action IDs are made from it.',
  },
  last_owner: {
    title: 'A committee must keep at least one owner.',
    action: 'Make someone else an owner first, then change this role.',
  },
  meeting_archived: {
    title: 'This meeting was archived.',
    action:
      'It can still be read but takes no more changes; record them in the meeting that replaced it.',
  },
  internal_error: {
    title: 'The Minutebook server failed.',
    action: 'Try again; if it keeps failing, report the request id below to your administrator.',
  },
  chunk_load_failed: {
    title: 'Part of the app could not be downloaded.',
    action: 'Reload the tab; a new version may have been deployed.',
  },
  storage_unavailable: {
    title: 'This browser does not let Minutebook keep unsent changes.',
    action: 'Leave private browsing, or allow site storage for this page, then reload.',
  },
};

const FALLBACK: ErrorAdvice = {
  title: 'Something went wrong.',
  action: 'Reload the tab; if it keeps happening, send the details below to your administrator.',
};

export function adviceFor(code: string | null): ErrorAdvice {
  if (!code) return FALLBACK;
  return ADVICE[code] ?? (code.startsWith('token_') ? ADVICE.token : undefined) ?? FALLBACK;
}

export interface DescribedError {
  code: string | null;
  message: string;
  requestId: string | null;
}

/** Reads a code, message and request id from whatever was thrown. */
export function describeError(error: unknown): DescribedError {
  if (typeof error === 'object' && error !== null) {
    const { code, message, requestId, name } = error as Record<string, unknown>;
    const chunk = name === 'ChunkLoadError' ? 'chunk_load_failed' : null;
    return {
      code: typeof code === 'string' ? code : chunk,
      message: typeof message === 'string' ? message : String(error),
      requestId: typeof requestId === 'string' ? requestId : null,
    };
  }
  return { code: null, message: String(error), requestId: null };
}
