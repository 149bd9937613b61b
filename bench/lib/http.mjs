/**
 * A small HTTP client on node:http (keep-alive agent) and a Server-Sent Events subscriber.
 * Timings use performance.now() in this process, so client and subscribers share one clock.
 */
import http from 'node:http';

export function keepAliveAgent(maxSockets) {
  return new http.Agent({ keepAlive: true, maxSockets });
}

/** Sends a request (JSON body when given) and resolves with {status, text, json()}. */
export function request(agent, baseUrl, method, path, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      new URL(path, baseUrl),
      {
        method,
        agent,
        headers: {
          accept: 'application/json',
          ...(payload === undefined
            ? {}
            : {
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(payload),
              }),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text, json: () => JSON.parse(text) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Like request(), but throws unless the status is one of `expected`; resolves with the JSON. */
export async function requestJson(agent, baseUrl, method, path, body, expected = [200, 201]) {
  const response = await request(agent, baseUrl, method, path, body);
  if (!expected.includes(response.status)) {
    throw new Error(
      `${method} ${path} answered ${response.status}: ${response.text.slice(0, 500)}`,
    );
  }
  return response.json();
}

/**
 * Subscribes to an SSE stream. `onEvent({id, event, data}, receivedAt)` is called per event,
 * with receivedAt = performance.now() when the chunk holding the event's end arrived.
 * Resolves once the response headers are in (the server subscribes before it sends them).
 */
export function subscribe(baseUrl, path, onEvent) {
  return new Promise((resolve, reject) => {
    let buffer = '';
    let closed = false;
    const req = http.get(
      new URL(path, baseUrl),
      { agent: false, headers: { accept: 'text/event-stream' } },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`GET ${path} answered ${res.statusCode}`));
          res.resume();
          return;
        }
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          const receivedAt = performance.now();
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = parseEvent(block);
            if (event) onEvent(event, receivedAt);
          }
        });
        res.on('error', () => {});
        resolve({
          close() {
            if (closed) return;
            closed = true;
            req.destroy();
          },
        });
      },
    );
    req.on('error', (error) => {
      if (!closed) reject(error);
    });
  });
}

function parseEvent(block) {
  let id = null;
  let event = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length === 0 ? null : { id, event, data: data.join('\n') };
}
