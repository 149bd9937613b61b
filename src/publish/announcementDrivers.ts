/**
 * The announcements: the chat form of the minutes in the meeting chat, and the e-mail to the
 * distribution list through a draft. Each carries its key as a marker, so an outcome in doubt is
 * looked up instead of repeated:
 *
 * - chat post: the newest 50 messages of the chat, searched for the marker;
 * - draft: the newest drafts, searched for the `x-minutebook-key` header (or body comment);
 * - send: the draft read again: still a draft → not sent; gone or no longer a draft → sent.
 *
 * Permissions: delegated ChatMessage.Send and Chat.Read (chat), Mail.ReadWrite and Mail.Send.
 */
import type { FileAttachment, Message } from '@microsoft/microsoft-graph-types';
import { MAX_CHAT_HTML_BYTES, parseChatMessage } from '../graph/chat';
import { DOCX_CONTENT_TYPE } from '../graph/drive';
import { MINUTEBOOK_KEY_HEADER, parseMailDraft } from '../graph/mail';
import { collectionPage, optBool, parseValue, record } from '../graph/parse';
import { escapeHtml, renderMinutesChat, renderMinutesHtml } from '../minutes';
import type { ChatPostStep, MailDraftStep, MailSendStep } from './PublishPlan';
import { answerOf, bodyOf, encode, needResult, type StepDriver } from './stepDriver';

/** A draft with the .docx inline must fit a $batch (Graph's 4 MB request) as base64. */
export const INLINE_DOCX_LIMIT = 2 * 1024 * 1024;

const recentMessages = (chatId: string) =>
  `/chats/${encode(chatId)}/messages?$top=50&$orderby=${encode('createdDateTime desc')}`;

export const chatPostDriver: StepDriver<ChatPostStep> = {
  reads: (step, state) =>
    state.inDoubt
      ? [
          {
            id: `chat:${step.chatId}`,
            identity: step.identity,
            request: { method: 'GET', url: recentMessages(step.chatId) },
          },
        ]
      : [],

  async decide(step, state, answers, ctx) {
    if (state.inDoubt) {
      const messages = parseValue(
        bodyOf(answers, `chat:${step.chatId}`),
        'GET chat messages',
        (body) => collectionPage(body).value.map(parseChatMessage),
      );
      const found = messages.find((message) => message.content.includes(step.marker));
      if (found) return { kind: 'done', result: { messageId: found.id, webUrl: found.webUrl } };
    }
    const markerLine = `<p><small>Ref ${escapeHtml(step.marker)}</small></p>`;
    const summary = renderMinutesChat(ctx.minutes, {
      documentUrl: ctx.documentUrl(step) ?? '',
      maxBytes: MAX_CHAT_HTML_BYTES - Buffer.byteLength(markerLine, 'utf8'),
    });
    return {
      kind: 'write',
      write: {
        identity: step.identity,
        request: {
          method: 'POST',
          url: `/chats/${encode(step.chatId)}/messages`,
          body: { body: { contentType: 'html', content: `${summary}${markerLine}` } },
        },
        parse: (body) => {
          const message = parseValue(body, 'POST chat message', parseChatMessage);
          return { messageId: message.id, webUrl: message.webUrl };
        },
      },
    };
  },
};

const DRAFTS = `/me/mailFolders/drafts/messages?$select=${encode('id,isDraft,internetMessageHeaders,body')}&$top=25`;

export const mailDraftDriver: StepDriver<MailDraftStep> = {
  reads: (step, state) =>
    state.inDoubt
      ? [{ id: 'drafts', identity: step.identity, request: { method: 'GET', url: DRAFTS } }]
      : [],

  async decide(step, state, answers, ctx) {
    if (state.inDoubt) {
      const drafts = parseValue(bodyOf(answers, 'drafts'), 'GET drafts', (body) =>
        collectionPage(body).value.map(parseMailDraft),
      );
      const found = drafts.find((draft) => draft.key === step.marker);
      if (found) return { kind: 'done', result: { draftId: found.id } };
    }
    const bytes = await ctx.docx();
    const html = mailHtml(renderMinutesHtml(ctx.minutes), ctx.documentUrl(step), step.marker);
    const to = step.to.map((recipient) => ({ emailAddress: { address: recipient.address } }));
    if (bytes.byteLength > INLINE_DOCX_LIMIT) {
      // Too big to ride in a $batch: the mail module's draft (an upload session above 3 MB).
      return {
        kind: 'write',
        write: {
          identity: step.identity,
          direct: async () => {
            const draft = await ctx.graph.gateway.mail.createDraft({
              subject: step.subject,
              html,
              to: step.to,
              key: step.marker,
              attachment: { name: step.attachmentName, contentType: DOCX_CONTENT_TYPE, bytes },
            });
            return { draftId: draft.id };
          },
        },
      };
    }
    const attachment: FileAttachment & { '@odata.type': string } = {
      '@odata.type': '#microsoft.graph.fileAttachment',
      name: step.attachmentName,
      contentType: DOCX_CONTENT_TYPE,
      contentBytes: Buffer.from(bytes).toString('base64'),
    };
    const message: Message = {
      subject: step.subject,
      body: { contentType: 'html', content: html },
      toRecipients: to,
      internetMessageHeaders: [{ name: MINUTEBOOK_KEY_HEADER, value: step.marker }],
      attachments: [attachment],
    };
    return {
      kind: 'write',
      write: {
        identity: step.identity,
        request: { method: 'POST', url: '/me/messages', body: message },
        parse: (body) => ({ draftId: parseValue(body, 'POST draft', parseMailDraft).id }),
      },
    };
  },
};

/** The minutes' HTML with a line linking the filed document, and the key as a comment. */
function mailHtml(html: string, documentUrl: string | null, marker: string): string {
  const link = documentUrl
    ? `<p style="font-family:Arial,sans-serif;font-size:11pt;">The minutes are attached and filed at <a href="${escapeHtml(documentUrl)}">${escapeHtml(documentUrl)}</a>.</p>`
    : '';
  const withLink = link ? html.replace(/(<body[^>]*>)/, `$1\n${link}`) : html;
  const comment = `<!-- ${MINUTEBOOK_KEY_HEADER}: ${marker} -->`;
  return withLink.includes('</body>')
    ? withLink.replace('</body>', `${comment}\n</body>`)
    : `${withLink}${comment}`;
}

export const mailSendDriver: StepDriver<MailSendStep> = {
  reads(step, state, ctx) {
    if (!state.inDoubt) return [];
    const draftId = needResult(ctx, step.draftKey, 'draftId');
    return [
      {
        id: `draft:${draftId}`,
        identity: step.identity,
        request: { method: 'GET', url: `/me/messages/${encode(draftId)}?$select=id,isDraft` },
      },
    ];
  },

  async decide(step, state, answers, ctx) {
    const draftId = needResult(ctx, step.draftKey, 'draftId');
    if (state.inDoubt) {
      const answer = answerOf(answers, `draft:${draftId}`);
      if (!answer.ok && answer.error.status === 404)
        return { kind: 'done', result: { sent: true } };
      if (!answer.ok) return { kind: 'fail', error: answer.error };
      const isDraft = optBool(record(answer.body, 'message'), 'isDraft', 'message') ?? true;
      if (!isDraft) return { kind: 'done', result: { sent: true } };
    }
    return {
      kind: 'write',
      write: {
        identity: step.identity,
        request: { method: 'POST', url: `/me/messages/${encode(draftId)}/send` },
        parse: () => ({ sent: true }),
      },
    };
  },

  // The draft is gone: Exchange moved it to Sent Items when an earlier send went through.
  onError: (_step, _state, error) => (error.status === 404 ? 'done' : 'failed'),
};
