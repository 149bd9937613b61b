/**
 * The minutes' short form for the meeting chat: a summary, the decisions, the new actions and a
 * link to the full document, in the HTML subset Teams chat renders (p, b, ul, li, a). A chat
 * message has a size limit, so the result never exceeds `maxBytes` UTF-8 bytes: when everything
 * would not fit, long texts are cut with "…" and each list shows as many entries as fit, then
 * "and N more". It never throws for size; at worst it is the link alone, or empty.
 */
import { escapeHtml } from './escapeHtml';
import { httpsUrl } from './httpsUrl';
import type { MinutesDocument } from './MinutesDocument';

export interface ChatOptions {
  /** The full minutes; only an https: address is linked, anything else is left out. */
  documentUrl: string;
  /** UTF-8 bytes; 28 KB by default, under Teams' limit for a message with its envelope. */
  maxBytes?: number;
}

export const DEFAULT_CHAT_MAX_BYTES = 28 * 1024;

/** How hard to cut: characters (graphemes) kept of header lines and of each list entry. */
interface Limits {
  header: number;
  entry: number;
  owner: number;
  details: boolean;
}

const UNLIMITED: Limits = { header: Infinity, entry: Infinity, owner: Infinity, details: true };
/**
 * Tried in order once the whole digest does not fit: first only a very long text is cut (one
 * 20,000-character note must not crowd out every other entry), then everything, harder.
 */
const CUTS: Limits[] = [
  { header: 300, entry: 600, owner: 100, details: true },
  { header: 120, entry: 160, owner: 40, details: true },
  { header: 60, entry: 60, owner: 20, details: false },
];

const encoder = new TextEncoder();
const bytes = (html: string) => encoder.encode(html).length;

export function renderMinutesChat(doc: MinutesDocument, options: ChatOptions): string {
  const maxBytes = Number.isFinite(options.maxBytes)
    ? Math.floor(options.maxBytes as number)
    : DEFAULT_CHAT_MAX_BYTES;
  const url = httpsUrl(options.documentUrl);
  const link = url ? `<p><a href="${escapeHtml(url)}">Open the full minutes</a></p>` : '';

  const whole = assemble(compose(doc, link, UNLIMITED), Infinity, Infinity);
  if (bytes(whole) <= maxBytes) return whole;

  for (const limits of CUTS) {
    const message = compose(doc, link, limits);
    // Everything but the entries: each list is then only its "and N more" line.
    const empty = bytes(assemble(message, 0, 0));
    if (empty > maxBytes) continue;
    const decisions = fill(message.decisions, maxBytes - empty);
    const actions = fill(message.actions, maxBytes - empty - decisions.bytes);
    const html = assemble(message, decisions.shown, actions.shown);
    if (bytes(html) <= maxBytes) return html;
  }
  return bytes(link) <= maxBytes ? link : '';
}

/** The message in parts: the summary, each list's entries, and the link. */
interface Message {
  head: string;
  decisions: Entry[];
  actions: Entry[];
  tail: string;
}
/** One rendered <li> and its size in bytes. */
type Entry = { html: string; bytes: number };

function compose(doc: MinutesDocument, link: string, limits: Limits): Message {
  const { title, digest } = doc;
  const cut = (value: string, max: number) => escapeHtml(truncate(value, max));
  const heading = [title.groupName, title.status].filter(Boolean).join(' — ');
  const when = [title.dateAndReference, title.time, title.mode].filter(Boolean).join(' · ');
  const apologies = digest.apologies === 1 ? '1 apology' : `${digest.apologies} apologies`;
  const head = [
    `<p><b>${cut(heading, limits.header)}</b></p>`,
    limits.details && when ? `<p>${cut(when, limits.header)}</p>` : '',
    `<p>${membersLine(digest)}, ${apologies}.${limits.details ? ` ${cut(digest.quorum, limits.header)}` : ''}</p>`,
  ].join('');
  const entry = (html: string): Entry => ({ html: `<li>${html}</li>`, bytes: 0 });
  const decisions = digest.decisions.map((decision) =>
    entry(`<b>Item ${cut(decision.itemNumber, 20)}</b>: ${cut(decision.text, limits.entry)}`),
  );
  const actions = digest.actions.map((action) => {
    const parts = [
      `<b>${cut(action.actionId, 40)}</b>${action.withdrawn ? ' (withdrawn)' : ''}`,
      action.owner ? cut(action.owner, limits.owner) : '',
      action.targetDate ? `due ${cut(action.targetDate, 20)}` : '',
    ].filter(Boolean);
    return entry(`${parts.join(' — ')}: ${cut(action.text, limits.entry)}`);
  });
  for (const list of [decisions, actions]) for (const e of list) e.bytes = bytes(e.html);
  return { head, decisions, actions, tail: link };
}

/** How many entries fit in `budget` bytes, in order, and the bytes they add to the list. */
function fill(entries: Entry[], budget: number): { shown: number; bytes: number } {
  let shown = 0;
  let added = 0;
  for (const entry of entries) {
    const left = entries.length - shown;
    const delta = entry.bytes + moreBytes(left - 1) - moreBytes(left);
    if (added + delta > budget) break;
    added += delta;
    shown += 1;
  }
  return { shown, bytes: added };
}

function assemble(message: Message, decisionCount: number, actionCount: number): string {
  const section = (label: string, entries: Entry[], count: number) => {
    if (entries.length === 0) return '';
    const shown = entries.slice(0, count).map((e) => e.html);
    return `<p><b>${label}</b></p><ul>${shown.join('')}${more(entries.length - shown.length)}</ul>`;
  };
  return [
    message.head,
    section('Decisions', message.decisions, decisionCount),
    section('New actions', message.actions, actionCount),
    message.tail,
  ].join('');
}

/** The list's last line when `count` of its entries are left out. */
function more(count: number): string {
  return count > 0 ? `<li>and ${count} more</li>` : '';
}

/** The bytes of the "and N more" line for `count` entries left out. */
function moreBytes(count: number): number {
  return count > 0 ? bytes(more(count)) : 0;
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Whitespace collapsed; past `max` graphemes, cut (at a space if one is near) and ended "…". */
function truncate(value: string, max: number): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const kept: string[] = [];
  let over = false;
  for (const { segment } of graphemes.segment(flat)) {
    if (kept.length === max) {
      over = true;
      break;
    }
    kept.push(segment);
  }
  if (!over) return flat;
  kept.pop();
  let cut = kept.join('');
  const space = cut.lastIndexOf(' ');
  if (space > 0 && cut.length - space < 20) cut = cut.slice(0, space);
  return `${cut.replace(/[\s.,;:]+$/u, '')}…`;
}

/** "12 members and 12 others present" */
function membersLine(digest: MinutesDocument['digest']): string {
  const members = `${digest.membersPresent} member${digest.membersPresent === 1 ? '' : 's'}`;
  return digest.othersPresent > 0
    ? `${members} and ${digest.othersPresent} others present`
    : `${members} present`;
}
