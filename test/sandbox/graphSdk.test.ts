/**
 * The sandbox works with the Graph JavaScript SDK Minutebook uses (v3): its authentication and
 * retry handlers, page iterator, large-file upload task and batch content. The SDK follows only
 * https:// links and sends the bearer only to Graph hosts (research notes §7.2), so the sandbox
 * writes Graph's own origin into its links and the client swaps only `fetch` (sandboxFetch),
 * as a local mode would: upload URLs are on another host and get no Authorization, as in reality.
 */
import {
  AuthenticationHandler,
  BatchRequestContent,
  BatchResponseContent,
  Client,
  FileUpload,
  LargeFileUploadTask,
  PageIterator,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { sandboxFetch, type FetchLike } from '../../src/sandbox';
import { expectAllAnswersValid, startHarness, type Harness } from './support';

const publicUrls = { graph: 'https://graph.microsoft.com', files: 'https://files.sandbox.example' };

/** The chain's last link: like HTTPMessageHandler, with the sandbox's fetch. */
class FetchHandler implements Middleware {
  constructor(private readonly fetchImpl: FetchLike) {}

  async execute(context: Context): Promise<void> {
    context.response = await this.fetchImpl(context.request as string | Request, context.options);
  }
}

let h: Harness;
let client: Client;
beforeAll(async () => {
  h = await startHarness({ publicUrls });
  const auth = new AuthenticationHandler({ getAccessToken: async () => 'sdk-test-token' });
  const retry = new RetryHandler(new RetryHandlerOptions(0, 3));
  auth.setNext(retry);
  retry.setNext(new FetchHandler(sandboxFetch(h.sandbox.url, publicUrls)));
  client = Client.initWithMiddleware({ middleware: auth });
});
afterAll(() => h.close());
expectAllAnswersValid(() => h);

describe('when Minutebook’s Graph SDK talks to the sandbox', () => {
  it('reads with $select', async () => {
    const me = await client.api('/me').select(['id', 'mail']).get();
    expect(me.mail).toBe(h.sandbox.seed!.organizer.mail);
  });

  it('pages attendance records with PageIterator', async () => {
    const { meeting } = h.sandbox.seed!;
    const first = await client
      .api(
        `/me/onlineMeetings/${encodeURIComponent(meeting.id)}/attendanceReports/${meeting.reportId}/attendanceRecords`,
      )
      .get();
    const ids: string[] = [];
    await new PageIterator(client, first, (record: { id: string }) => {
      ids.push(record.id);
      return true;
    }).iterate();
    expect(ids).toHaveLength(12);
  });

  it('retries a 429 after its Retry-After with the RetryHandler', async () => {
    h.sandbox.faults.configure({
      script: [{ kind: 'throttle', retryAfterSeconds: 0, pathIncludes: '/me' }],
    });
    const before = h.sandbox.stats.snapshot();
    const me = await client.api('/me').get();
    expect(me.id).toBe(h.sandbox.seed!.organizer.id);
    const after = h.sandbox.stats.snapshot();
    expect(after.faults.throttle - before.faults.throttle).toBe(1);
    expect(after.roundTrips - before.roundTrips).toBe(2);
  });

  it('uploads a file in 320 KiB ranges with LargeFileUploadTask', async () => {
    const { site } = h.sandbox.seed!;
    const bytes = Buffer.alloc(800_000, 3);
    const session = await LargeFileUploadTask.createUploadSession(
      client,
      `/drives/${site.driveId}/root:/Minutes/OPSG_41_2501.docx:/createUploadSession`,
      {
        item: { '@microsoft.graph.conflictBehavior': 'replace' },
      },
    );
    const task = new LargeFileUploadTask(
      client,
      new FileUpload(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
        'OPSG_41_2501.docx',
        bytes.length,
      ),
      session,
      {
        rangeSize: 327_680,
      },
    );
    const result = await task.upload();
    expect((result.responseBody as { size: number }).size).toBe(800_000);
  });

  it('sends a $batch built with BatchRequestContent', async () => {
    const { plan } = h.sandbox.seed!;
    const content = new BatchRequestContent([
      { id: '1', request: new Request(`${publicUrls.graph}/me`) },
      {
        id: '2',
        request: new Request(`${publicUrls.graph}/planner/tasks`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ planId: plan.id, title: 'From the SDK batch' }),
        }),
      },
    ]);
    const answer = new BatchResponseContent(
      await client.api('/$batch').post(await content.getContent()),
    );
    expect(answer.getResponseById('1').status).toBe(200);
    expect(answer.getResponseById('2').status).toBe(201);
  });
});
