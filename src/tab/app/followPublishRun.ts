/**
 * Follows a publish run's event stream (`progress` events, then one `end`) to its end. If the
 * stream breaks before the end (a network blip, a proxy's timeout), it asks for the run's state:
 * a run that has ended ends here; one still running is followed again after the last event seen
 * (Last-Event-ID), a few times with growing pauses.
 */
import type { ZodType } from 'zod';
import type { PublishProgressEvent, PublishRunState } from '../../contract/graphApi';
import { ApiError, type ApiClient } from '../sync/ApiClient';
import { SseParser } from '../sync/SseParser';
import { publishProgressSchema, publishRunStateSchema } from './apiSchemas';

export interface FollowOptions {
  onProgress: (event: PublishProgressEvent) => void;
  signal?: AbortSignal;
  /** Reconnections before giving up (default 5). */
  maxReconnects?: number;
  /** Pause before the n-th reconnection, in ms (default 1 s, 2 s, 3 s…). */
  pauseMs?: (attempt: number) => number;
}

export async function followPublishRun(
  client: Pick<ApiClient, 'get' | 'openStream'>,
  runPath: string,
  options: FollowOptions,
): Promise<PublishRunState> {
  const maxReconnects = options.maxReconnects ?? 5;
  const pause = options.pauseMs ?? ((attempt: number) => attempt * 1000);
  let lastEventId: string | undefined;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const response = await client.openStream(`${runPath}/stream`, {
        ...(options.signal ? { signal: options.signal } : {}),
        headers: lastEventId ? { 'last-event-id': lastEventId } : {},
      });
      const ended = await readUntilEnd(response, options.onProgress, (id) => {
        lastEventId = id;
      });
      if (ended) return ended;
    } catch (error) {
      if (options.signal?.aborted || attempt >= maxReconnects) throw error;
    }
    const state = await client.get(
      runPath,
      publishRunStateSchema,
      options.signal ? { signal: options.signal } : {},
    );
    if (state.status !== 'running') return state;
    if (attempt >= maxReconnects) return state;
    await new Promise((resolve) => setTimeout(resolve, pause(attempt + 1)));
  }
}

async function readUntilEnd(
  response: Response,
  onProgress: (event: PublishProgressEvent) => void,
  seen: (id: string) => void,
): Promise<PublishRunState | null> {
  const body = response.body;
  if (!body) return null;
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return null;
      for (const event of parser.push(decoder.decode(value, { stream: true }))) {
        if (event.event === 'progress') {
          if (event.id) seen(event.id);
          onProgress(parseEvent(event.data, publishProgressSchema));
        } else if (event.event === 'end') {
          return parseEvent(event.data, publishRunStateSchema);
        }
      }
    }
  } finally {
    reader.releaseLock();
  }
}

/** An event's JSON, parsed with its schema; one that does not match ends the stream (reconnect). */
function parseEvent<T>(data: string, schema: ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new ApiError({
    status: 200,
    code: 'invalid_response',
    message: 'An event of the publish run could not be read.',
  });
}
