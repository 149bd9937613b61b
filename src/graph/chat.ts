/**
 * Posts the minutes summary into the meeting chat, and reads recent messages back so that a post
 * whose outcome is unknown (timeout, connection lost) can be looked for before posting again:
 * every post carries a marker (our idempotency key) in its text.
 *
 *   POST /chats/{chatId}/messages        {body: {contentType: 'html', content}}
 *   GET  /chats/{chatId}/messages?$top=50&$orderby=createdDateTime desc
 *
 * Teams keeps about 28 KB per message (text, links, mentions): keep the summary short and link
 * the .docx. HTML is sanitised by Teams; scripts and styles are dropped.
 *
 * Permissions:
 * - Post: delegated ChatMessage.Send (least; Chat.ReadWrite higher). Application posting is not
 *   supported (only Teamwork.Migrate.All, for migrations), so this runs on the user's OBO token.
 * - Read: delegated Chat.Read (least for listing messages), or application with the RSC
 *   permission ChatMessage.Read.Chat granted when the app is installed in the meeting chat.
 */
import { query, segment, type GraphClient } from './createGraphClient';
import { collectionPage, optRecord, optStr, parseBody, record, str } from './parse';

/** Teams' limit is about 28 KB for the whole message; stay under it with room for the marker. */
export const MAX_CHAT_HTML_BYTES = 27 * 1024;

const MARKER = /^[A-Za-z0-9._:/-]{4,120}$/;

export interface ChatMessage {
  id: string;
  createdDateTime: string | null;
  webUrl: string | null;
  contentType: string | null;
  content: string;
}

export interface PostChatMessageInput {
  html: string;
  /** Our idempotency key; added as a reference line when the HTML does not contain it. */
  marker: string;
  signal?: AbortSignal;
}

export async function postChatMessage(
  client: GraphClient,
  chatId: string,
  input: PostChatMessageInput,
): Promise<ChatMessage> {
  if (!MARKER.test(input.marker)) {
    throw new RangeError(
      `Chat marker "${input.marker}" must be 4–120 letters, digits or . _ : / -.`,
    );
  }
  const content = input.html.includes(input.marker)
    ? input.html
    : `${input.html}<p><small>Ref ${input.marker}</small></p>`;
  if (Buffer.byteLength(content, 'utf8') > MAX_CHAT_HTML_BYTES) {
    throw new RangeError(
      `The chat message is ${Buffer.byteLength(content, 'utf8')} bytes; Teams keeps about 28 KB. Post a shorter summary and link the minutes document.`,
    );
  }
  const response = await client.send({
    method: 'POST',
    url: `/chats/${segment(chatId)}/messages`,
    body: { body: { contentType: 'html', content } },
    ...(input.signal ? { signal: input.signal } : {}),
  });
  return parseBody(response, parseChatMessage);
}

/** The newest messages of the chat, newest first (one page, at most 50: Graph's maximum). */
export async function listRecentChatMessages(
  client: GraphClient,
  chatId: string,
  options: { top?: number; signal?: AbortSignal } = {},
): Promise<ChatMessage[]> {
  const response = await client.send({
    method: 'GET',
    url: `/chats/${segment(chatId)}/messages${query({
      $top: Math.min(options.top ?? 50, 50),
      $orderby: 'createdDateTime desc',
    })}`,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return parseBody(response, (body) => collectionPage(body).value.map(parseChatMessage));
}

/** A recent message carrying `marker`, or null: the post did not happen (or scrolled away). */
export async function findChatMessageByMarker(
  client: GraphClient,
  chatId: string,
  marker: string,
  options: { signal?: AbortSignal } = {},
): Promise<ChatMessage | null> {
  const messages = await listRecentChatMessages(client, chatId, options);
  return messages.find((message) => message.content.includes(marker)) ?? null;
}

export function parseChatMessage(value: unknown): ChatMessage {
  const message = record(value, 'chatMessage');
  const body = optRecord(message.body, 'chatMessage.body');
  return {
    id: str(message, 'id', 'chatMessage'),
    createdDateTime: optStr(message, 'createdDateTime', 'chatMessage'),
    webUrl: optStr(message, 'webUrl', 'chatMessage'),
    contentType: body ? optStr(body, 'contentType', 'chatMessage.body') : null,
    content: (body ? optStr(body, 'content', 'chatMessage.body') : null) ?? '',
  };
}
