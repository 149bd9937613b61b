/**
 * The SSE parser reads the stream as EventSource does, however the network splits it.
 */
import { SseParser } from '../../src/tab/sync/SseParser';

const STREAM =
  'retry: 2000\n\n' +
  'id: 41\nevent: op\ndata: {"seq":41}\n\n' +
  ': heartbeat\n\n' +
  'id: 42\r\nevent: op\r\ndata: {"seq":42,\r\ndata: "text":"two lines"}\r\n\r\n' +
  'id: 43\revent: op\rdata:{"seq":43}\r\r' +
  'data: no type\n\n' +
  'id: 44\nevent: op\n\n' +
  'event: op\ndata: {"seq":45}';

const EXPECTED = [
  { id: '41', event: 'op', data: '{"seq":41}' },
  { id: '42', event: 'op', data: '{"seq":42,\n"text":"two lines"}' },
  { id: '43', event: 'op', data: '{"seq":43}' },
  { id: '43', event: 'message', data: 'no type' },
];

describe('the SSE parser', () => {
  it('reads events, comments, retry, multi-line data and every line ending', () => {
    const parser = new SseParser();
    expect(parser.push(STREAM)).toEqual(EXPECTED);
    expect(parser.retry).toBe(2000);
    // An event with no data is not dispatched, but its id is kept; a half event waits.
    expect(parser.lastEventId).toBe('44');
  });

  it('gives the same events whatever the chunk boundaries, CRLF split included', () => {
    for (let size = 1; size <= 13; size += 1) {
      const parser = new SseParser();
      const events = [];
      for (let start = 0; start < STREAM.length; start += size) {
        events.push(...parser.push(STREAM.slice(start, start + size)));
      }
      expect(events).toEqual(EXPECTED);
    }
  });

  it('completes an event left open once its blank line arrives', () => {
    const parser = new SseParser();
    parser.push('event: op\ndata: {"seq":1}\n');
    expect(parser.push('\n')).toEqual([{ id: undefined, event: 'op', data: '{"seq":1}' }]);
  });
});
