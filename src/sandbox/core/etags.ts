/**
 * Entity tags and `If-Match`. Each service has its own etag form and its own answer to a stale
 * or missing `If-Match`:
 * - Planner requires `If-Match` on PATCH and DELETE and answers 412 otherwise, with an empty
 *   error code (planner-overview.md "412 Precondition Failed"; the message is the one Planner
 *   returns, pnp/pnpjs#841; the empty code is in the json-batching.md example).
 * - SharePoint/OneDrive and To Do take `If-Match` optionally; a stale one gets 412.
 * `If-Match: *` matches any current version.
 */
import { GraphError } from './graphError';
import type { GraphRequest, SandboxRuntime } from './types';

/** Planner etags compare in ordinal order, newest greatest (planner-overview.md). */
export function nextPlannerEtag(runtime: SandboxRuntime): string {
  runtime.state.seq.etag += 1;
  return `W/"JzEtVGFzayAg${String(runtime.state.seq.etag).padStart(12, '0')}"`;
}

export function nextSequence(runtime: SandboxRuntime): number {
  runtime.state.seq.etag += 1;
  return runtime.state.seq.etag;
}

export const PLANNER_IF_MATCH_MISSING =
  'The If-Match header must be specified for this kind of request.';
export const PLANNER_IF_MATCH_STALE = 'The If-Match header contains an invalid value.';

export interface IfMatchRule {
  required: boolean;
  code: string;
  missingMessage?: string;
  staleMessage: string;
}

export const PLANNER_IF_MATCH: IfMatchRule = {
  required: true,
  code: '',
  missingMessage: PLANNER_IF_MATCH_MISSING,
  staleMessage: PLANNER_IF_MATCH_STALE,
};

export const SHAREPOINT_IF_MATCH: IfMatchRule = {
  required: false,
  code: 'resourceModified',
  staleMessage:
    'The resource has changed since the caller last read it; the eTag in If-Match is stale.',
};

export const TODO_IF_MATCH: IfMatchRule = {
  required: false,
  code: 'PreconditionFailed',
  staleMessage: 'The If-Match header does not match the current version of the task.',
};

/** Throws the service's 412 when `If-Match` is missing (where required) or stale. */
export function checkIfMatch(req: GraphRequest, current: string, rule: IfMatchRule): void {
  const supplied = req.headers['if-match']?.trim();
  if (supplied === undefined || supplied === '') {
    if (rule.required) {
      throw new GraphError(412, rule.code, rule.missingMessage ?? rule.staleMessage);
    }
    return;
  }
  if (supplied === '*') return;
  // Compared whole: SharePoint etags contain a comma ("{GUID},3"), so a list cannot be split.
  if (supplied !== current) throw new GraphError(412, rule.code, rule.staleMessage);
}
