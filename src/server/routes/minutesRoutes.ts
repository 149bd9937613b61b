/**
 * The draft minutes of a meeting, rendered from its current state, as .docx, e-mail HTML or
 * Markdown text, with a Content-Disposition file name such as "OPSG_41_2501 Draft Minutes.docx":
 * - GET /api/meetings/:id/minutes.(docx|html|txt), authenticated like every API call;
 * - POST /api/meetings/:id/minutes-links → signed links, valid 10 minutes, for an <iframe> or a
 *   download in Teams, where the browser cannot attach the SSO token (issued to members only);
 * - GET /links/meetings/:id/minutes.(docx|html|txt)?tid&exp&sig, which serves those links.
 * The HTML is served with a policy that runs no script.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DomainError, type Committee, type MeetingView } from '../../domain';
import type { MeetingService } from '../MeetingService';
import { MINUTES_FORMATS, type MinutesFormat, type MinutesLinkSigner } from '../MinutesLinkSigner';

/** The renderers load on first use: docx alone adds ~10 MB that a capture-only server never needs. */
const renderers = () => import('../../minutes');

const LINK_LIFETIME_SECONDS = 600;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

type MinutesRequest = { Params: { id: string; format: string } };
type LinkRequest = MinutesRequest & { Querystring: { tid?: string; exp?: string; sig?: string } };

export function minutesRoutes(
  app: FastifyInstance,
  meetings: MeetingService,
  signer: MinutesLinkSigner,
  now: () => Date,
): void {
  async function send(
    reply: FastifyReply,
    load: () => Promise<{ view: MeetingView; committee: Committee }>,
    format: MinutesFormat,
  ) {
    const { view, committee } = await load();
    const minutes = await renderers();
    const doc = minutes.buildMinutesDocument(view, committee);
    if (format === 'docx') {
      const bytes = await minutes.renderMinutesDocx(doc);
      return reply
        .type(DOCX)
        .header('content-disposition', contentDisposition('attachment', `${doc.fileName}.docx`))
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    }
    if (format === 'html') {
      return reply
        .type('text/html; charset=utf-8')
        .header(
          'content-security-policy',
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
        )
        .header('content-disposition', contentDisposition('inline', `${doc.fileName}.html`))
        .send(minutes.renderMinutesHtml(doc));
    }
    return reply
      .type('text/plain; charset=utf-8')
      .header('content-disposition', contentDisposition('inline', `${doc.fileName}.txt`))
      .send(minutes.renderMinutesMarkdown(doc));
  }

  app.get<MinutesRequest>('/api/meetings/:id/minutes.:format', async (request, reply) =>
    send(
      reply,
      () => meetings.viewWithCommittee(request.identity, request.params.id),
      formatOf(request.params.format),
    ),
  );

  app.post<{ Params: { id: string } }>('/api/meetings/:id/minutes-links', async (request) => {
    const { tenantId } = request.identity;
    const meetingId = request.params.id;
    await meetings.require(request.identity, meetingId);
    const expiresAt = Math.floor(now().getTime() / 1000) + LINK_LIFETIME_SECONDS;
    const link = (format: MinutesFormat) => {
      const sig = signer.sign({ tenantId, meetingId, format, expiresAt });
      const query = new URLSearchParams({ tid: tenantId, exp: String(expiresAt), sig });
      return `/links/meetings/${encodeURIComponent(meetingId)}/minutes.${format}?${query.toString()}`;
    };
    return {
      expiresAt: new Date(expiresAt * 1000).toISOString(),
      links: { docx: link('docx'), html: link('html'), txt: link('txt') },
    };
  });

  app.get<LinkRequest>('/links/meetings/:id/minutes.:format', async (request, reply) => {
    const format = formatOf(request.params.format);
    const { tid = '', exp = '', sig = '' } = request.query;
    const claims = { tenantId: tid, meetingId: request.params.id, format, expiresAt: Number(exp) };
    if (!signer.verify(claims, sig, Math.floor(now().getTime() / 1000))) {
      return reply.code(403).send({
        code: 'link_invalid',
        message:
          'This minutes link has expired or is not valid; open the minutes again from the meeting tab.',
        requestId: request.id,
      });
    }
    // The signature is the authorisation: links are issued only to the committee's members.
    return send(reply, () => meetings.viewForSignedLink(tid, request.params.id), format);
  });
}

function formatOf(format: string): MinutesFormat {
  if ((MINUTES_FORMATS as readonly string[]).includes(format)) return format as MinutesFormat;
  throw new DomainError(
    'not_found',
    `There are no minutes in the format "${format}"; use docx, html or txt.`,
  );
}

/** RFC 6266: an ASCII fallback name and the exact UTF-8 name. */
export function contentDisposition(kind: 'attachment' | 'inline', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
