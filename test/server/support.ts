/**
 * What the server tests share: a small committee, op builders that read like the tab's
 * requests, and the checks every error answer must pass. Nothing here fakes the server.
 */
import { randomUUID } from 'node:crypto';
import { api, type ApiResponse } from '../helpers/testServer';

export const SENTENCE = /^\S[\s\S]{8,}\.$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ErrorBody {
  code: string;
  message: string;
  requestId: string;
  details?: { problems?: { path: string; message: string }[] };
}

let codes = 0;

/**
 * A committee code no other committee of this test run has (a tenant's codes are unique):
 * "T1A2B3…", at most 12 letters and digits.
 */
export function uniqueCode(): string {
  codes += 1;
  const random = randomUUID().replace(/-/g, '').slice(0, 6).toUpperCase();
  return `T${codes.toString(36).toUpperCase()}${random}`.slice(0, 12);
}

/**
 * A committee small enough to send under a 2 KB body limit, with a code of its own unless one is
 * given (tests that read references such as OPSG_41_2501 ask for "OPSG", once per server).
 */
export function smallCommittee(
  id = `c-${randomUUID()}`,
  code = uniqueCode(),
): Record<string, unknown> {
  return {
    id,
    name: 'Operations Group',
    code,
    categories: [
      { id: 'chair', name: 'Operations Group Chair' },
      { id: 'large', name: 'Large Suppliers' },
    ],
    members: [
      { id: 'm-cole', name: 'Harriet Cole', categoryId: 'chair', role: 'Chair' },
      { id: 'm-marsh', name: 'Fiona Marsh', categoryId: 'large' },
    ],
    organisations: [{ id: 'cds', name: 'CDS', fullName: 'Central Data Service' }],
    classification: { level: 'WHITE', notice: 'Shared with Code Parties only.' },
  };
}

export interface RawOp {
  id: string;
  meetingId: string;
  clientTime: string;
  type: string;
  payload: unknown;
}

/** One op as the tab sends it; a fresh id unless one is given. */
export function op(meetingId: string, type: string, payload: unknown, id = randomUUID()): RawOp {
  return { id, meetingId, clientTime: '2021-01-25T13:20:00Z', type, payload };
}

export function note(meetingId: string, text: string, itemId = 'item-1'): RawOp {
  return op(meetingId, 'note.add', { id: `note-${randomUUID()}`, itemId, text });
}

export function agendaItem(meetingId: string, id: string, title: string, order: number): RawOp {
  return op(meetingId, 'agenda.add', { id, title, order });
}

export function setStatus(meetingId: string, status: string): RawOp {
  return op(meetingId, 'meeting.setStatus', { status });
}

/**
 * Creates a small committee (whose owner is the caller) and its meeting 41 of 25 January 2021;
 * returns both ids.
 */
export async function committeeAndMeeting(
  baseUrl: string,
  headers: Record<string, string> = {},
  code = uniqueCode(),
): Promise<{ committeeId: string; meetingId: string }> {
  const committee = await api(baseUrl, 'POST', '/api/committees', {
    body: smallCommittee(undefined, code),
    headers,
  });
  expect(committee.status).toBe(201);
  const meetingId = `meeting-${randomUUID()}`;
  const meeting = await api(baseUrl, 'POST', '/api/meetings', {
    body: { id: meetingId, committeeId: committee.body.id, number: '41', date: '2021-01-25' },
    headers,
  });
  expect(meeting.status).toBe(201);
  return { committeeId: committee.body.id as string, meetingId };
}

export type Role = 'owner' | 'noteTaker' | 'member';

/**
 * Gives users roles on the committee (PATCH /api/committees/:id/grants, as an owner: by default
 * the local user "secretary", who creates committees when no user is picked). Users are local
 * user names ("ines.carvalho") or full ids ("local:…", an Entra object id); null removes a role.
 */
export async function grantRoles(
  baseUrl: string,
  committeeId: string,
  roles: Record<string, Role | null>,
  options: { user?: string; headers?: Record<string, string> } = {},
): Promise<void> {
  const changes = Object.entries(roles).map(([user, role]) => ({
    userId: user.startsWith('local:') || /^[0-9a-f-]{36}$/i.test(user) ? user : `local:${user}`,
    displayName: user,
    role,
  }));
  const response = await api(baseUrl, 'PATCH', `/api/committees/${committeeId}/grants`, {
    body: { changes },
    ...options,
  });
  expect(response.status).toBe(200);
}

/** What POST /api/meetings/:id/ops answers when it accepts the batch. */
export interface AppendAnswer {
  results: { id: string; seq: number; duplicate: boolean }[];
  lastSeq: number;
}

export function postOps(
  baseUrl: string,
  meetingId: string,
  ops: unknown[],
  options: { user?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<AppendAnswer>> {
  return api<AppendAnswer>(baseUrl, 'POST', `/api/meetings/${meetingId}/ops`, {
    body: { ops },
    ...options,
  });
}

export interface StoredOp extends RawOp {
  seq: number;
  actor: string;
  serverTime: string;
}

/** Every op of the meeting, read page by page. */
export async function allOps(
  baseUrl: string,
  meetingId: string,
  headers: Record<string, string> = {},
): Promise<StoredOp[]> {
  const ops: StoredOp[] = [];
  let after: number | null = 0;
  while (after !== null) {
    const page = await api(baseUrl, 'GET', `/api/meetings/${meetingId}/ops?after=${after}`, {
      headers,
    });
    expect(page.status).toBe(200);
    ops.push(...page.body.ops);
    after = page.body.nextAfter as number | null;
  }
  return ops;
}

/**
 * The answer is the error asked for, as JSON `{code, message, requestId}`: the message is a
 * sentence, and the request id is the one in the `x-request-id` header.
 */
export function expectError(
  response: ApiResponse,
  status: number,
  code: string,
): ErrorBody & Record<string, unknown> {
  const body = response.body as ErrorBody & Record<string, unknown>;
  expect({ status: response.status, code: body?.code }).toEqual({ status, code });
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(body.message).toMatch(SENTENCE);
  expect(body.requestId).toMatch(UUID);
  expect(body.requestId).toBe(response.headers.get('x-request-id'));
  return body;
}
