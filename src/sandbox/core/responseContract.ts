/**
 * The sandbox checks its own answers against the Graph types it claims, so a test that passes
 * here passes against a body Graph could really send. A violation is recorded; in `throw` mode
 * (the default) the answer is replaced by a 500 naming the problem, so no test can miss it.
 */
import {
  SERVICE_CLOSED_TYPES,
  validateGraphPayload,
  type ContractIssue,
} from '../contract/validateGraphPayload';
import type { DeclaredBody, GraphResponse } from './types';

export type ResponseValidationMode = 'throw' | 'record' | 'off';

/** One answer the sandbox gave (an HTTP response, or one item of a batch). */
export interface SandboxExchange {
  method: string;
  path: string;
  inBatch: boolean;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  declared: DeclaredBody | undefined;
}

export interface ContractViolation {
  method: string;
  path: string;
  status: number;
  declared: DeclaredBody;
  issues: ContractIssue[];
}

export class ResponseContract {
  readonly violations: ContractViolation[] = [];

  constructor(
    private readonly mode: ResponseValidationMode,
    private readonly onExchange?: (exchange: SandboxExchange) => void,
  ) {}

  check(method: string, path: string, inBatch: boolean, response: GraphResponse): GraphResponse {
    let answer = response;
    const declared = response.declared;
    const isJson = response.body !== undefined && !Buffer.isBuffer(response.body);
    if (this.mode !== 'off' && isJson && declared) {
      const issues = declared.collection
        ? this.collectionIssues(response.body, declared)
        : validateGraphPayload(response.body, declared.type, {
            closedTypes: SERVICE_CLOSED_TYPES,
            direction: 'response',
          });
      if (issues.length > 0) {
        this.violations.push({ method, path, status: response.status, declared, issues });
        if (this.mode === 'throw') answer = violationAnswer(method, path, response, issues);
      }
    }
    this.onExchange?.({
      method,
      path,
      inBatch,
      status: answer.status,
      headers: answer.headers ?? {},
      body: answer.body,
      declared: answer.declared,
    });
    return answer;
  }

  /** A collection page: only the OData envelope keys, and each item of `value` of the type. */
  private collectionIssues(body: unknown, declared: DeclaredBody): ContractIssue[] {
    const record = body as Record<string, unknown>;
    const issues: ContractIssue[] = [];
    for (const key of Object.keys(record)) {
      if (key !== 'value' && !key.startsWith('@odata.')) {
        issues.push({
          kind: 'unknownProperty',
          path: key,
          message: `A collection response has only "value" and "@odata.*" annotations, not '${key}'.`,
        });
      }
    }
    issues.push(
      ...validateGraphPayload(record.value, declared.type, {
        collection: true,
        closedTypes: SERVICE_CLOSED_TYPES,
        direction: 'response',
      }).map((issue) => ({ ...issue, path: `value${issue.path}` })),
    );
    return issues;
  }
}

function violationAnswer(
  method: string,
  path: string,
  response: GraphResponse,
  issues: ContractIssue[],
): GraphResponse {
  const declared = response.declared!;
  const headers = response.headers ?? {};
  return {
    status: 500,
    headers: { ...headers, 'Content-Type': 'application/json' },
    declared: { type: 'sandbox.odataError' },
    body: {
      error: {
        code: 'SandboxContractViolation',
        message: `The sandbox's own answer to ${method} ${path} is not a valid ${declared.type}: ${issues[0]?.message ?? ''}`,
        details: issues.map((issue) => ({
          code: issue.kind,
          message: issue.message,
          target: issue.path,
        })),
        innerError: {
          'request-id': headers['request-id'] ?? null,
          'client-request-id': headers['client-request-id'] ?? null,
        },
      },
    },
  };
}
