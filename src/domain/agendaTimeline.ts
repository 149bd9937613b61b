/**
 * When each agenda item was under discussion, from the times the secretary opened items: an
 * item runs from its opening until the next opening of any item (the last one until the meeting
 * end), so a reopened item has several intervals. A sub-item's time counts for itself and for
 * its parent. Pure: the meeting end is an input, times are ISO-8601 strings.
 */
import type { AgendaItemView, MeetingView } from './meetingView';

/** A half-open span of time [start, end) in epoch milliseconds. */
export interface TimeSpan {
  start: number;
  end: number;
}

export interface TimelineInterval {
  /** ISO-8601, UTC. */
  start: string;
  end: string;
}

export interface AgendaItemTimeline {
  itemId: string;
  number: string;
  title: string;
  parentId: string | null;
  /** When the item itself was the current item. */
  ownIntervals: TimelineInterval[];
  /** Its own intervals and its sub-items', merged: when the item was under discussion. */
  intervals: TimelineInterval[];
  /** Total length of `intervals`, in seconds. */
  seconds: number;
}

/**
 * Every live agenda item in agenda order with its intervals; items never opened have none.
 * Openings at or after `meetingEnd` are cut off; an unparseable time is skipped.
 */
export function agendaTimeline(
  view: Pick<MeetingView, 'agenda'>,
  meetingEnd: string,
): AgendaItemTimeline[] {
  const spans = agendaItemSpans(view.agenda, Date.parse(meetingEnd));
  return view.agenda.map((item) => {
    const own = spans.own.get(item.id) ?? [];
    const all = spans.all.get(item.id) ?? [];
    return {
      itemId: item.id,
      number: item.number,
      title: item.title,
      parentId: item.parentId,
      ownIntervals: own.map(toInterval),
      intervals: all.map(toInterval),
      seconds: Math.round(spanLength(all) / 1000),
    };
  });
}

/** The same timeline in milliseconds, for callers that compute with it. */
export function agendaItemSpans(
  agenda: readonly Pick<AgendaItemView, 'id' | 'parentId' | 'openedAt'>[],
  meetingEndMs: number,
): { own: Map<string, TimeSpan[]>; all: Map<string, TimeSpan[]> } {
  const openings = agenda
    .flatMap((item, position) =>
      item.openedAt.map((at) => ({ itemId: item.id, at: Date.parse(at), position })),
    )
    .filter((opening) => Number.isFinite(opening.at))
    // Same instant: agenda order, so the later item in the agenda is the one left current.
    .sort((a, b) => a.at - b.at || a.position - b.position);

  const own = new Map<string, TimeSpan[]>();
  openings.forEach((opening, index) => {
    const next = openings[index + 1];
    const end = Math.min(next ? next.at : meetingEndMs, meetingEndMs);
    if (!(end > opening.at)) return;
    own.set(opening.itemId, [...(own.get(opening.itemId) ?? []), { start: opening.at, end }]);
  });
  for (const [itemId, spans] of own) own.set(itemId, mergeSpans(spans));

  const all = new Map<string, TimeSpan[]>();
  for (const item of agenda) {
    const children = agenda.filter((child) => child.parentId === item.id && child.id !== item.id);
    const merged = mergeSpans([
      ...(own.get(item.id) ?? []),
      ...children.flatMap((child) => own.get(child.id) ?? []),
    ]);
    if (merged.length > 0) all.set(item.id, merged);
  }
  return { own, all };
}

/** Sorted, with overlapping and touching spans joined and empty ones dropped. */
export function mergeSpans(spans: readonly TimeSpan[]): TimeSpan[] {
  const sorted = spans
    .filter((span) => span.end > span.start)
    .map((span) => ({ ...span }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: TimeSpan[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push(span);
  }
  return merged;
}

/** The parts of `a` that are also in `b`. */
export function intersectSpans(a: readonly TimeSpan[], b: readonly TimeSpan[]): TimeSpan[] {
  const left = mergeSpans(a);
  const right = mergeSpans(b);
  const out: TimeSpan[] = [];
  for (const x of left) {
    for (const y of right) {
      const start = Math.max(x.start, y.start);
      const end = Math.min(x.end, y.end);
      if (end > start) out.push({ start, end });
    }
  }
  return mergeSpans(out);
}

/** Total length in milliseconds (spans are merged first, so overlaps count once). */
export function spanLength(spans: readonly TimeSpan[]): number {
  return mergeSpans(spans).reduce((total, span) => total + (span.end - span.start), 0);
}

function toInterval(span: TimeSpan): TimelineInterval {
  return { start: new Date(span.start).toISOString(), end: new Date(span.end).toISOString() };
}
