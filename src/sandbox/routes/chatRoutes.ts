/**
 * The meeting chat (chat-get.md, chatmessage-post.md, chat-list-messages.md).
 * Permissions: Chat.ReadBasic (get), ChatMessage.Send (post, delegated only), Chat.Read (list).
 * Refusals: a caller who is not a member → 403; an empty body → 400; `<at id>` / `<attachment id>`
 * without a matching `mentions[]` / `attachments[]` entry (or the reverse) → 400; content over
 * about 28 KB → 413 (Teams limits); `$top` over 50 or ascending `$orderby` → 400.
 */
import { badRequest, GraphError, notFound } from '../core/graphError';
import { compareValues, parseFilter } from '../core/odataFilter';
import { collection, contextUrl, json } from '../core/odataQuery';
import type { RouteContext, RouteDef } from '../core/types';
import type { ChatRec, GraphObject } from '../state/SandboxState';

const CHAT = 'microsoft.graph.chat';
const MESSAGE = 'microsoft.graph.chatMessage';

function findChat(context: RouteContext): ChatRec {
  const chatId = context.params.chatId!;
  const chat = context.runtime.state.chats.get(chatId);
  if (!chat) throw notFound('NotFound', `Chat '${chatId}' was not found.`);
  const meeting = [...context.runtime.state.meetings.values()].find(
    (candidate) => (candidate.resource.chatInfo as { threadId?: string }).threadId === chatId,
  );
  if (meeting && !meeting.participantIds.includes(context.session.me.id)) {
    throw new GraphError(403, 'Forbidden', 'The caller is not a member of this chat.');
  }
  return chat;
}

function idsIn(content: string, tag: 'at' | 'attachment'): string[] {
  const pattern = new RegExp(`<${tag}\\s+id=["']?([^"'\\s>]+)["']?`, 'gi');
  return [...content.matchAll(pattern)].map((match) => match[1]!);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((value) => right.has(value));
}

function postMessage(context: RouteContext) {
  if (context.session.appOnly) {
    // chatmessage-post.md: application permissions are supported only for migration.
    throw new GraphError(
      403,
      'Forbidden',
      'Sending a chat message needs a delegated token (ChatMessage.Send); application permissions are for migration only.',
    );
  }
  const chat = findChat(context);
  const body = context.req.body as GraphObject;
  const messageBody = body.body as { content?: string | null; contentType?: string } | undefined;
  const content = messageBody?.content ?? '';
  if (content.trim() === '')
    throw badRequest('BadRequest', 'The message body content must not be empty.');
  const attachments = (body.attachments as GraphObject[] | null | undefined) ?? [];
  const mentions = (body.mentions as GraphObject[] | null | undefined) ?? [];
  const size =
    Buffer.byteLength(content) +
    attachments.reduce((sum, item) => sum + Buffer.byteLength(JSON.stringify(item)), 0) +
    mentions.reduce((sum, item) => sum + Buffer.byteLength(JSON.stringify(item)), 0);
  const limit = context.runtime.limits.chatMessageBytes;
  if (size > limit) {
    throw new GraphError(
      413,
      'RequestEntityTooLarge',
      `The message is ${size} bytes; a Teams post holds about ${limit} (28 KB) including mentions and cards.`,
    );
  }
  const isHtml = messageBody?.contentType === 'html';
  if (
    isHtml &&
    !sameSet(
      idsIn(content, 'at'),
      mentions.map((mention) => String(mention.id)),
    )
  ) {
    throw badRequest(
      'BadRequest',
      'Every <at id="n"> in the body needs a mentions[] entry with the same id, and the reverse.',
    );
  }
  if (
    isHtml &&
    !sameSet(
      idsIn(content, 'attachment'),
      attachments.map((item) => String(item.id)),
    )
  ) {
    throw badRequest(
      'BadRequest',
      'Every <attachment id="…"> in the body needs an attachments[] entry with the same id, and the reverse.',
    );
  }
  const state = context.runtime.state;
  const millis = Math.max(context.now.getTime(), state.seq.chatMessage + 1);
  state.seq.chatMessage = millis;
  const id = String(millis);
  const at = new Date(millis).toISOString();
  const chatId = chat.resource.id as string;
  const me = context.session.me;
  const message: GraphObject = {
    id,
    replyToId: null,
    etag: id,
    messageType: 'message',
    createdDateTime: at,
    lastModifiedDateTime: at,
    lastEditedDateTime: null,
    deletedDateTime: null,
    subject: (body.subject as string | null | undefined) ?? null,
    summary: null,
    chatId,
    importance: (body.importance as string | undefined) ?? 'normal',
    locale: 'en-us',
    webUrl: `https://teams.microsoft.com/l/message/${encodeURIComponent(chatId)}/${id}?context=%7B%22contextType%22%3A%22chat%22%7D`,
    channelIdentity: null,
    policyViolation: null,
    eventDetail: null,
    from: {
      application: null,
      device: null,
      user: {
        id: me.id,
        displayName: me.displayName,
        userIdentityType: 'aadUser',
        tenantId: state.tenantId,
      },
    },
    body: { contentType: messageBody?.contentType ?? 'text', content },
    attachments,
    mentions,
    reactions: [],
    messageHistory: [],
  };
  chat.messages.push(message);
  chat.resource.lastUpdatedDateTime = at;
  return json(
    201,
    { '@odata.context': contextUrl(context, `chats('${chatId}')/messages/$entity`), ...message },
    { type: MESSAGE },
  );
}

function listMessages(context: RouteContext) {
  const chat = findChat(context);
  const orderBy = (context.req.query.get('$orderby') ?? 'lastModifiedDateTime desc').trim();
  const order = /^(lastModifiedDateTime|createdDateTime)(\s+desc)?$/i.exec(orderBy);
  if (!order || !order[2]) {
    throw badRequest(
      'BadRequest',
      "$orderby supports only 'lastModifiedDateTime desc' or 'createdDateTime desc'.",
    );
  }
  const property =
    order[1]!.toLowerCase() === 'createddatetime' ? 'createdDateTime' : 'lastModifiedDateTime';
  let messages = [...chat.messages].sort((a, b) =>
    String(b[property]).localeCompare(String(a[property])),
  );
  const rawFilter = context.req.query.get('$filter');
  const clauses = rawFilter === null ? undefined : parseFilter(rawFilter);
  // The docs: the filter only applies when $orderby names the same property; otherwise ignored.
  if (
    clauses &&
    context.req.query.has('$orderby') &&
    clauses.every((clause) => clause.property === property)
  ) {
    messages = messages.filter((message) =>
      clauses.every((clause) =>
        compareValues(String(message[property]), clause.operator, String(clause.value)),
      ),
    );
  }
  return collection(context, messages, MESSAGE, `chats('${chat.resource.id as string}')/messages`, {
    maxTop: 50,
    count: true,
  });
}

export function chatRoutes(): RouteDef[] {
  return [
    {
      method: 'GET',
      pattern: '/chats/{chatId}/messages/{messageId}',
      service: 'teams',
      handle(context) {
        const chat = findChat(context);
        const message = chat.messages.find(
          (candidate) => candidate.id === context.params.messageId,
        );
        if (!message)
          throw notFound('NotFound', `Message '${context.params.messageId}' was not found.`);
        return json(
          200,
          { '@odata.context': contextUrl(context, 'chats/messages/$entity'), ...message },
          { type: MESSAGE },
        );
      },
    },
    {
      method: 'POST',
      pattern: '/chats/{chatId}/messages',
      service: 'teams',
      body: { type: MESSAGE },
      handle: postMessage,
    },
    {
      method: 'GET',
      pattern: '/chats/{chatId}/messages',
      service: 'teams',
      query: ['$top', '$skiptoken', '$orderby', '$filter'],
      handle: listMessages,
    },
    {
      method: 'GET',
      pattern: '/chats/{chatId}',
      service: 'teams',
      handle(context) {
        const chat = findChat(context);
        return json(
          200,
          { '@odata.context': contextUrl(context, 'chats/$entity'), ...chat.resource },
          { type: CHAT },
        );
      },
    },
  ];
}
