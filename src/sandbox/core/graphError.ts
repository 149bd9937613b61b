/**
 * Graph's error body: `{"error":{"code","message","innerError":{"date","request-id",
 * "client-request-id"}}}` (docs-contrib concepts/errors.md). Routes throw `GraphError`; the
 * router turns it into that body with the request's ids.
 */
import type { ContractIssue } from '../contract/validateGraphPayload';
import { describeIssues } from '../contract/validateGraphPayload';

export interface GraphErrorDetail {
  code: string;
  message: string;
  target?: string;
}

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly details?: GraphErrorDetail[],
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

/** A body that breaks the Graph contract: 400 with every issue in `details`. */
export function contractError(code: string, issues: readonly ContractIssue[]): GraphError {
  return new GraphError(
    400,
    code,
    describeIssues(issues),
    {},
    issues.map((issue) => ({ code: issue.kind, message: issue.message, target: issue.path })),
  );
}

/** Graph writes innerError.date without a zone and without fractions: "2025-02-13T10:17:05". */
export function innerErrorDate(now: Date): string {
  return now.toISOString().slice(0, 19);
}

export interface ErrorIds {
  requestId: string;
  clientRequestId: string;
  now: Date;
}

export function errorBody(error: GraphError, ids: ErrorIds): Record<string, unknown> {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details && error.details.length > 0 ? { details: error.details } : {}),
      innerError: {
        date: innerErrorDate(ids.now),
        'request-id': ids.requestId,
        'client-request-id': ids.clientRequestId,
      },
    },
  };
}

export const notFound = (code: string, message: string) => new GraphError(404, code, message);
export const badRequest = (code: string, message: string) => new GraphError(400, code, message);
