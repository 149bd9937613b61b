/**
 * The minutes e-mail with a large .docx, against the Graph sandbox over HTTP. Outlook's attachment
 * upload session answers every range but the last with 200 and `nextExpectedRanges`, and only the
 * last with 201 (https://learn.microsoft.com/graph/outlook-large-attachments, steps 2 and 3); the
 * drive upload session answers 202 instead (https://learn.microsoft.com/graph/api/driveitem-createuploadsession).
 * A file of several ranges must arrive whole, and a draft whose attachment did not arrive whole
 * must never be left to be sent.
 */
import { GraphRequestError } from '../../src/graph/GraphRequestError';
import { createGraphClient, type GraphClient } from '../../src/graph/createGraphClient';
import { createMinutesDraft, sendDraft } from '../../src/graph/mail';
import { DEFAULT_UPLOAD_CHUNK_BYTES } from '../../src/graph/uploadSession';
import {
  startGraphSandbox,
  type RunningGraphSandbox,
  type SandboxExchange,
} from '../../src/sandbox';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

let sandbox: RunningGraphSandbox;
let exchanges: SandboxExchange[] = [];
let secretary: GraphClient;

beforeAll(async () => {
  sandbox = await startGraphSandbox({ onExchange: (exchange) => exchanges.push(exchange) });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.reset();
  exchanges = [];
  secretary = createGraphClient({
    baseUrl: sandbox.graphBaseUrl,
    getToken: () => Promise.resolve(`user:${sandbox.seed!.organizer.id}`),
    sleep: () => Promise.resolve(),
  });
});

/** Bytes that no range of another offset repeats, so a range sent twice or skipped shows. */
function minutesBytes(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let index = 0; index < size; index += 1) {
    bytes[index] = (index * 131 + (index >>> 9) * 7 + (index >>> 17)) & 0xff;
  }
  return bytes;
}

const to = () => [{ address: sandbox.seed!.users[1]!.mail }];

async function graphGet(path: string): Promise<Response> {
  return fetch(`${sandbox.graphBaseUrl}${path}`, {
    headers: { Authorization: `Bearer user:${sandbox.seed!.organizer.id}` },
  });
}

describe('a .docx of several upload ranges', () => {
  it('is sent whole: ranges answered 200 until the last 201, received byte for byte', async () => {
    const bytes = minutesBytes(7 * 1024 * 1024 + 123);
    expect(bytes.byteLength).toBeGreaterThan(DEFAULT_UPLOAD_CHUNK_BYTES);
    const draft = await createMinutesDraft(secretary, 'me', {
      subject: 'OPSG 41 minutes (long)',
      html: '<p>The minutes are attached.</p>',
      to: to(),
      key: 'mb:opsg-41:mail:large',
      attachment: { name: 'OPSG 41 minutes.docx', contentType: DOCX, bytes },
    });
    const puts = exchanges.filter(
      (exchange) => exchange.method === 'PUT' && exchange.path.startsWith('/upload/mail/'),
    );
    expect(puts.map((exchange) => exchange.status)).toEqual([200, 200, 201]);

    await sendDraft(secretary, 'me', draft.id);
    const sent = (await (
      await graphGet('/me/mailFolders/sentitems/messages?$select=id,subject,hasAttachments')
    ).json()) as { value: { id: string; subject: string; hasAttachments: boolean }[] };
    const copy = sent.value.find((message) => message.subject === 'OPSG 41 minutes (long)');
    expect(copy?.hasAttachments).toBe(true);
    const attachments = (await (
      await graphGet(`/me/messages/${encodeURIComponent(copy!.id)}/attachments`)
    ).json()) as { value: { id: string; name: string; size: number }[] };
    expect(attachments.value).toEqual([
      expect.objectContaining({ name: 'OPSG 41 minutes.docx', size: bytes.byteLength }),
    ]);
    const raw = await graphGet(
      `/me/messages/${encodeURIComponent(copy!.id)}/attachments/${encodeURIComponent(attachments.value[0]!.id)}/$value`,
    );
    const received = Buffer.from(await raw.arrayBuffer());
    expect(received.equals(bytes)).toBe(true);
  });

  it('leaves no draft to be sent when the attachment cannot be uploaded, and says it failed', async () => {
    sandbox.faults.configure({
      script: [
        { kind: 'unavailable', pathIncludes: '/upload/mail/', times: 50, retryAfterSeconds: 0 },
      ],
    });
    const failure = await createMinutesDraft(secretary, 'me', {
      subject: 'OPSG 41 minutes (upload fails)',
      html: '<p>The minutes are attached.</p>',
      to: to(),
      key: 'mb:opsg-41:mail:fails',
      attachment: {
        name: 'OPSG 41 minutes.docx',
        contentType: DOCX,
        bytes: minutesBytes(4_000_000),
      },
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GraphRequestError);
    expect((failure as GraphRequestError).status).toBe(503);
    sandbox.faults.configure({});
    const drafts = (await (
      await graphGet('/me/mailFolders/drafts/messages?$select=id,subject')
    ).json()) as { value: { subject: string }[] };
    expect(drafts.value.map((draft) => draft.subject)).not.toContain(
      'OPSG 41 minutes (upload fails)',
    );
    expect(sandbox.state.deliveredMail).toEqual([]);
  });
});
