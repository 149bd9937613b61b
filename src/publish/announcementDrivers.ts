/**
 * The announcements: the chat form of the minutes in the meeting chat, and the e-mail to the
 * distribution list through a draft. Each carries its key as a marker, so an outcome in doubt is
 * looked up instead of repeated:
 *
 * - chat post: the newest 50 messages of the chat, searched for the marker;
 * - draft: the newest drafts, searched for the `x-minutebook-key` header (or body comment) and
 *   this run's `x-minutebook-run` (a draft an earlier run left is never taken for this run's);
 * - send: Sent Items searched for the marker, and the draft read again: in Sent Items, or no longer
 *   a draft → sent; still a draft → send it; gone and not in Sent Items → the draft was deleted
 *   unsent, so it is made again.
 *
 * A run that takes over an announcement an earlier run began looks in Sent Items first: that
 * run's send may have gone through.
 *
 * Permissions: delegated ChatMessage.Send and Chat.Read (chat), Mail.ReadWrite and Mail.Send.
 */
import type { FileAttachment, Message } from '@microsoft/microsoft-graph-types';
import { MAX_CHAT_HTML_BYTES, parseChatMessage } from '../graph/chat';
import { DOCX_CONTENT_TYPE } from '../graph/drive';
import { MINUTEBOOK_KEY_HEADER, parseMailDraft } from '../graph/mail';
import {
  collectionPage,
  list,
  optBool,
  optRecord,
  optStr,
  parseValue,
  record,
} from '../graph/parse';
import { escapeHtml, renderMinutesChat, renderMinutesHtml } from '../minutes';
import type { ChatPostStep, MailDraftStep, MailSendStep } from './PublishPlan';
import {
  answerOf,
  bodyOf,
  encode,
  isGone,
  needResult,
  type Answers,
  type Read,
  type StepDriver,
} from './stepDriver';

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

  // A post someone deleted in Teams still answers (with deletedDateTime) and is left so; a 404
  // means it is not there at all (a sandbox restarted): a resumed run posts it again.
  verify: (step, result) =>
    typeof result.messageId === 'string'
      ? {
          method: 'GET',
          url: `/chats/${encode(step.chatId)}/messages/${encode(result.messageId)}`,
        }
      : null,
};

/** The run a draft was made by: in a header of its own and a body comment. */
export const MINUTEBOOK_RUN_HEADER = 'x-minutebook-run';
const RUN_COMMENT = /<!-- x-minutebook-run: ([A-Za-z0-9._:-]{1,80}) -->/;

const folder = (name: 'drafts' | 'sentitems') =>
  `/me/mailFolders/${name}/messages?$select=${encode('id,isDraft,hasAttachments,internetMessageHeaders,body')}&$top=25`;

interface MarkedMail {
  id: string;
  key: string | null;
  run: string | null;
  /** False for a draft whose .docx never arrived whole (its upload failed): never sent. */
  hasAttachments: boolean | null;
}

function parseMarkedMail(value: unknown): MarkedMail {
  const draft = parseMailDraft(value);
  const message = record(value, 'message');
  let run: string | null = null;
  for (const item of list(message, 'internetMessageHeaders', 'message')) {
    const header = record(item, 'internetMessageHeader');
    if (optStr(header, 'name', 'internetMessageHeader')?.toLowerCase() === MINUTEBOOK_RUN_HEADER)
      run = optStr(header, 'value', 'internetMessageHeader');
  }
  const body = optRecord(message.body, 'message.body');
  const content = body ? optStr(body, 'content', 'message.body') : null;
  return {
    id: draft.id,
    key: draft.key,
    run: run ?? RUN_COMMENT.exec(content ?? '')?.[1] ?? null,
    hasAttachments: draft.hasAttachments,
  };
}

function mailsIn(answers: Answers, id: string, label: string): MarkedMail[] {
  return parseValue(bodyOf(answers, id), label, (body) =>
    collectionPage(body).value.map(parseMarkedMail),
  );
}

const sentItemsRead = (identity: MailDraftStep['identity']): Read => ({
  id: 'sentitems',
  identity,
  request: { method: 'GET', url: folder('sentitems') },
});

export const mailDraftDriver: StepDriver<MailDraftStep> = {
  reads: (step, state) => [
    ...(state.inDoubt && !state.inherited
      ? [
          {
            id: 'drafts',
            identity: step.identity,
            request: { method: 'GET', url: folder('drafts') },
          } as Read,
        ]
      : []),
    ...(step.begunEarlier ? [sentItemsRead(step.identity)] : []),
  ],

  async decide(step, state, answers, ctx) {
    if (step.begunEarlier) {
      const sent = mailsIn(answers, 'sentitems', 'GET sent items');
      // The run this one took over sent it: the announcement is made.
      if (sent.some((mail) => mail.key === step.marker))
        return { kind: 'done', result: { draftId: null, sent: true } };
    }
    if (state.inDoubt && !state.inherited) {
      const drafts = mailsIn(answers, 'drafts', 'GET drafts');
      const found = drafts.find(
        (draft) =>
          draft.key === step.marker &&
          draft.hasAttachments !== false &&
          (draft.run === ctx.runId || (draft.run === null && !step.begunEarlier)),
      );
      if (found) return { kind: 'done', result: { draftId: found.id } };
    }
    const bytes = await ctx.docx();
    const html = mailHtml(
      renderMinutesHtml(ctx.minutes, { documentUrl: ctx.documentUrl(step) }),
      step.marker,
      ctx.runId,
    );
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
      internetMessageHeaders: [
        { name: MINUTEBOOK_KEY_HEADER, value: step.marker },
        { name: MINUTEBOOK_RUN_HEADER, value: ctx.runId },
      ],
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

/**
 * The minutes' HTML (which links the filed document itself, https only) with the key and the run
 * as comments.
 */
function mailHtml(html: string, marker: string, runId: string): string {
  const comment = `<!-- ${MINUTEBOOK_KEY_HEADER}: ${marker} -->\n<!-- ${MINUTEBOOK_RUN_HEADER}: ${runId} -->`;
  return html.includes('</body>')
    ? html.replace('</body>', `${comment}\n</body>`)
    : `${html}${comment}`;
}

/** The draft this run made, or null when the announcement was found sent already. */
function draftOf(step: MailSendStep, ctx: Parameters<StepDriver['decide']>[3]): string | null {
  if (ctx.resultOf(step.draftKey)?.sent === true) return null;
  return needResult(ctx, step.draftKey, 'draftId');
}

export const mailSendDriver: StepDriver<MailSendStep> = {
  reads(step, state, ctx) {
    const draftId = draftOf(step, ctx);
    if (draftId === null || (!state.inDoubt && !state.recreate)) return [];
    return [
      {
        id: `draft:${draftId}`,
        identity: step.identity,
        request: { method: 'GET', url: `/me/messages/${encode(draftId)}?$select=id,isDraft` },
      },
      sentItemsRead(step.identity),
    ];
  },

  async decide(step, state, answers, ctx) {
    const draftId = draftOf(step, ctx);
    if (draftId === null) return { kind: 'done', result: { sent: true } };
    if (state.inDoubt || state.recreate) {
      const sent = mailsIn(answers, 'sentitems', 'GET sent items');
      if (sent.some((mail) => mail.key === step.marker))
        return { kind: 'done', result: { sent: true } };
      const answer = answerOf(answers, `draft:${draftId}`);
      // Not in Sent Items and the draft gone: it was deleted unsent; make it again.
      if (isGone(answer)) return { kind: 'reopen' };
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

  // The draft is gone: sent after all (Exchange moves it to Sent Items), or deleted. Look.
  onError: (_step, state, error) =>
    error.status === 404 ? (state.recreate ? 'reopen' : 'recreate') : 'failed',
  parents: (step) => [step.draftKey],
};
