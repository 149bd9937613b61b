/**
 * Server-Sent Events, parsed as a browser's EventSource does, from text chunks that may split a
 * line (or a CRLF) anywhere: `id:`/`event:`/`data:` lines make an event when a blank line ends
 * them, `:` lines are comments (heartbeats), `retry:` is the server's reconnect hint. An event
 * with no data is not dispatched; a half-received event at the end of a stream is dropped.
 */

export interface SseEvent {
  /** The last `id:` seen so far (the event's own, or an earlier one), as EventSource does. */
  id: string | undefined;
  /** `message` unless an `event:` line named it. */
  event: string;
  data: string;
}

export class SseParser {
  /** The last event id received; what `Last-Event-ID` would carry on a reconnect. */
  lastEventId: string | undefined;
  /** The reconnect delay the server asked for, in ms. */
  retry: number | undefined;
  private buffer = '';
  private data: string[] = [];
  private eventType = '';

  /** Feeds a chunk of decoded text; returns the events it completed, in order. */
  push(chunk: string): SseEvent[] {
    const events: SseEvent[] = [];
    const text = this.buffer + chunk;
    let start = 0;
    let index = 0;
    while (index < text.length) {
      const code = text.charCodeAt(index);
      if (code !== 10 && code !== 13) {
        index += 1;
        continue;
      }
      // A CR at the very end may be the first half of a CRLF: wait for the next chunk.
      if (code === 13 && index === text.length - 1) break;
      this.line(text.slice(start, index), events);
      index += code === 13 && text.charCodeAt(index + 1) === 10 ? 2 : 1;
      start = index;
    }
    this.buffer = text.slice(start);
    return events;
  }

  private line(line: string, events: SseEvent[]): void {
    if (line === '') {
      if (this.data.length > 0) {
        events.push({
          id: this.lastEventId,
          event: this.eventType || 'message',
          data: this.data.join('\n'),
        });
      }
      this.data = [];
      this.eventType = '';
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        return;
      case 'event':
        this.eventType = value;
        return;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        return;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        return;
      default:
        return;
    }
  }
}
