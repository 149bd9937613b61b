/**
 * For the tests of the routes that reach Microsoft 365: the real server with the demo data and
 * the in-process Graph sandbox seeded with the demo tenant (as `npm start` runs them), the
 * sandbox's inspector state, and a follower of a publish run's event stream.
 */
import { randomUUID } from 'node:crypto';
import type { PublishProgressEvent, PublishRunState } from '../../src/contract/graphApi';
import type { OperationBody } from '../../src/domain';
import type { FaultSettings } from '../../src/sandbox';
import { DEMO_MEETING_ID, seedDemoData } from '../../src/server/seedDemoData';
import {
  api,
  startTestServer,
  type TestServer,
  type TestServerOptions,
} from '../helpers/testServer';
import { SseClient } from './sse';

export const SECRETARY = 'ines.carvalho';
export const CHAIR = 'harriet.cole';
export { DEMO_MEETING_ID };

export async function startDemoServer(
  options: { faults?: FaultSettings } & Omit<TestServerOptions, 'graph' | 'sandboxFaults'> = {},
): Promise<TestServer> {
  const { faults, ...rest } = options;
  const server = await startTestServer(
    { DEMO_DATA: 'off', SSE_HEARTBEAT_MS: '1000' },
    { graph: 'sandbox', ...(faults ? { sandboxFaults: faults } : {}), ...rest },
  );
  if (!(await seedDemoData(server.committees, server.meetings))) {
    await server.close();
    throw new Error('The demo data was not created on a fresh store.');
  }
  return server;
}

/** Loose JSON, as the inspector answers it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

export interface SandboxSnapshot {
  documents: Loose[];
  chatPosts: Loose[];
  mails: Loose[];
  drafts: Loose[];
  listRows: Loose[];
  plannerTasks: Loose[];
  todoTasks: Loose[];
}

/** What the sandbox holds, read through the main server's /_sandbox/state, as a person would. */
export async function sandboxState(baseUrl: string): Promise<SandboxSnapshot> {
  const response = await fetch(`${baseUrl}/_sandbox/state`);
  if (response.status !== 200) throw new Error(`/_sandbox/state answered ${response.status}`);
  return (await response.json()) as SandboxSnapshot;
}

/** The ops of a proposal as the tab posts them: each with a fresh id. */
export function opsOf(meetingId: string, ops: readonly OperationBody[]) {
  return ops.map((op) => ({
    id: randomUUID(),
    meetingId,
    clientTime: '2021-01-25T16:00:00Z',
    type: op.type,
    payload: op.payload,
  }));
}

export interface FollowedRun {
  progress: PublishProgressEvent[];
  /** The ids of the progress events, as Last-Event-ID would carry them. */
  ids: string[];
  end: PublishRunState;
}

/** Follows a run's stream to its `end` event. */
export async function followRun(
  baseUrl: string,
  meetingId: string,
  runId: string,
  user: string,
  headers: Record<string, string> = {},
  timeoutMs = 20_000,
): Promise<FollowedRun> {
  const stream = await SseClient.connect(
    `${baseUrl}/api/meetings/${meetingId}/publish/${runId}/stream`,
    { 'x-minutebook-user': user, ...headers },
  );
  if (stream.status !== 200)
    throw new Error(`stream answered ${stream.status}: ${stream.errorBody}`);
  await stream.waitFor(
    (client) => client.events.some((event) => event.event === 'end'),
    'the end of the run',
    timeoutMs,
  );
  const progress = stream.events.filter((event) => event.event === 'progress');
  const end = stream.events.find((event) => event.event === 'end');
  stream.close();
  return {
    progress: progress.map((event) => JSON.parse(event.data) as PublishProgressEvent),
    ids: progress.map((event) => event.id ?? ''),
    end: JSON.parse(end?.data ?? '{}') as PublishRunState,
  };
}

/** Starts (or resumes) a publish as `user` and follows it to the end. */
export async function publishAndFollow(
  baseUrl: string,
  meetingId: string,
  user = SECRETARY,
  body: unknown = undefined,
): Promise<FollowedRun & { runId: string; resumed: boolean }> {
  // Every POST carries JSON: `{}` when there are no options, as the tab sends it.
  const started = await api(baseUrl, 'POST', `/api/meetings/${meetingId}/publish`, {
    user,
    body: body ?? {},
  });
  if (started.status !== 202) {
    throw new Error(`POST publish answered ${started.status}: ${JSON.stringify(started.body)}`);
  }
  const followed = await followRun(baseUrl, meetingId, started.body.runId as string, user);
  return { ...followed, runId: started.body.runId as string, resumed: started.body.resumed };
}
