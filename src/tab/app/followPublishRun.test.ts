import type { PublishRunState } from '../../contract/graphApi';
import { doneRun } from '../../../test/fixtures/graphProposals';
import type { ApiClient, RequestOptions } from '../sync/ApiClient';
import { followPublishRun } from './followPublishRun';

const progress = (id: number) =>
  `id: ${id}\nevent: progress\ndata: ${JSON.stringify({ step: id, of: 3, label: `Step ${id}`, status: 'done', key: `k${id}`, kind: 'register.upsert' })}\n\n`;

function streamOf(...chunks: string[]): Response {
  const encoder = new TextEncoder();
  return new Response(
    new ReadableStream({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
        controller.close();
      },
    }),
  );
}

describe('following a publish run', () => {
  it('reads progress to the end event', async () => {
    const seen: number[] = [];
    const client: Pick<ApiClient, 'get' | 'openStream'> = {
      openStream: async () =>
        streamOf(
          'retry: 2000\n\n',
          progress(1),
          progress(2).slice(0, 20),
          progress(2).slice(20),
          `event: end\ndata: ${JSON.stringify(doneRun())}\n\n`,
        ),
      get: async () => {
        throw new Error('not needed');
      },
    };
    const end = await followPublishRun(client, '/api/meetings/m/publish/run-1', {
      onProgress: (event) => seen.push(event.step),
    });
    expect(seen).toEqual([1, 2]);
    expect(end.status).toBe('done');
  });

  it('when the stream breaks, asks for the state and carries on after the last event seen', async () => {
    const seen: number[] = [];
    const asked: (string | undefined)[] = [];
    const running: PublishRunState = { ...doneRun(), status: 'running' };
    const client: Pick<ApiClient, 'get' | 'openStream'> = {
      openStream: async (_path: string, options?: RequestOptions) => {
        asked.push(options?.headers?.['last-event-id']);
        return asked.length === 1
          ? streamOf(progress(1), progress(2))
          : streamOf(progress(3), `event: end\ndata: ${JSON.stringify(doneRun())}\n\n`);
      },
      get: async <T>() => running as T,
    };
    const end = await followPublishRun(client, '/api/meetings/m/publish/run-1', {
      onProgress: (event) => seen.push(event.step),
      pauseMs: () => 0,
    });
    expect(asked).toEqual([undefined, '2']);
    expect(seen).toEqual([1, 2, 3]);
    expect(end.status).toBe('done');
  });

  it('ends with the state of a run that ended while the stream was down', async () => {
    const client: Pick<ApiClient, 'get' | 'openStream'> = {
      openStream: async () => {
        throw Object.assign(new Error('The server could not be reached.'), { code: 'network' });
      },
      get: async <T>() => ({ ...doneRun(), status: 'failed' }) as T,
    };
    const end = await followPublishRun(client, '/api/meetings/m/publish/run-1', {
      onProgress: () => undefined,
      pauseMs: () => 0,
    });
    expect(end.status).toBe('failed');
  });
});
