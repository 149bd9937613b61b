/**
 * GET /api/meetings/:id/minutes.docx | .html | .txt: the draft minutes of a meeting, rendered
 * from its current state, with a Content-Disposition file name such as
 * "OPSG_41_2501 Draft Minutes.docx". The HTML is served with a policy that runs no script.
 */
import type { FastifyInstance } from 'fastify';

/** The renderers load on first use: docx alone adds ~10 MB that a capture-only server never needs. */
const renderers = () => import('../../minutes');
import type { MeetingService } from '../MeetingService';

type WithId = { Params: { id: string } };

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function minutesRoutes(app: FastifyInstance, meetings: MeetingService): void {
  const minutesOf = async (request: {
    identity: Parameters<MeetingService['view']>[0];
    params: { id: string };
  }) => {
    const { view, committee } = await meetings.viewWithCommittee(
      request.identity,
      request.params.id,
    );
    return (await renderers()).buildMinutesDocument(view, committee);
  };

  app.get<WithId>('/api/meetings/:id/minutes.docx', async (request, reply) => {
    const doc = await minutesOf(request);
    const bytes = await (await renderers()).renderMinutesDocx(doc);
    return reply
      .type(DOCX)
      .header('content-disposition', contentDisposition('attachment', `${doc.fileName}.docx`))
      .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });

  app.get<WithId>('/api/meetings/:id/minutes.html', async (request, reply) => {
    const doc = await minutesOf(request);
    return reply
      .type('text/html; charset=utf-8')
      .header(
        'content-security-policy',
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      )
      .header('content-disposition', contentDisposition('inline', `${doc.fileName}.html`))
      .send((await renderers()).renderMinutesHtml(doc));
  });

  app.get<WithId>('/api/meetings/:id/minutes.txt', async (request, reply) => {
    const doc = await minutesOf(request);
    return reply
      .type('text/plain; charset=utf-8')
      .header('content-disposition', contentDisposition('inline', `${doc.fileName}.txt`))
      .send((await renderers()).renderMinutesMarkdown(doc));
  });
}

/** RFC 6266: an ASCII fallback name and the exact UTF-8 name. */
export function contentDisposition(kind: 'attachment' | 'inline', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
