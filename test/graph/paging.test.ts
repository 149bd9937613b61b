/**
 * Following @odata.nextLink over real HTTP.
 */
import { createGraphClient } from '../../src/graph/createGraphClient';
import { collectPages } from '../../src/graph/paging';
import { startFakeGraphServer, type FakeGraphServer } from './fakeGraphServer';

let server: FakeGraphServer;

beforeEach(async () => {
  server = await startFakeGraphServer();
});

afterEach(async () => {
  await server.close();
});

const graph = () =>
  createGraphClient({ getToken: () => Promise.resolve('token'), baseUrl: server.baseUrl });
const asName = (value: unknown): string => (value as { displayName: string }).displayName;

describe('when a collection has three pages', () => {
  it('follows the absolute nextLinks and returns every item in order', async () => {
    server.script((request) => {
      const page = new URL(request.url, server.origin).searchParams.get('$skiptoken') ?? '0';
      const next = Number(page) + 1;
      return {
        status: 200,
        body: {
          value: [{ displayName: `Page ${page} item A` }, { displayName: `Page ${page} item B` }],
          ...(next < 3
            ? { '@odata.nextLink': `${server.baseUrl}/me/todo/lists?$top=2&$skiptoken=${next}` }
            : {}),
        },
      };
    });
    const client = graph();
    const names = await collectPages(client, '/me/todo/lists?$top=2', asName, {
      headers: { Prefer: 'outlook.timezone="UTC"' },
    });
    expect(names).toEqual([
      'Page 0 item A',
      'Page 0 item B',
      'Page 1 item A',
      'Page 1 item B',
      'Page 2 item A',
      'Page 2 item B',
    ]);
    expect(server.received.map((request) => request.url)).toEqual([
      '/v1.0/me/todo/lists?$top=2',
      '/v1.0/me/todo/lists?$top=2&$skiptoken=1',
      '/v1.0/me/todo/lists?$top=2&$skiptoken=2',
    ]);
    expect(
      server.received.every((request) => request.headers.prefer === 'outlook.timezone="UTC"'),
    ).toBe(true);
    expect(client.stats.roundTrips).toBe(3);
  });
});

describe('when a server keeps answering with a nextLink', () => {
  it('stops at the page cap with an error instead of looping', async () => {
    server.script(() => ({
      status: 200,
      body: {
        value: [{ displayName: 'again' }],
        '@odata.nextLink': `${server.baseUrl}/me/todo/lists?$skiptoken=x`,
      },
    }));
    await expect(
      collectPages(graph(), '/me/todo/lists', asName, { maxPages: 3 }),
    ).rejects.toMatchObject({
      kind: 'invalid_response',
    });
    expect(server.received).toHaveLength(3);
  });
});

describe('when a nextLink points outside Graph', () => {
  it('refuses to follow it', async () => {
    server.script(() => ({
      status: 200,
      body: {
        value: [],
        '@odata.nextLink': 'https://attacker.example/v1.0/me/todo/lists?$skiptoken=1',
      },
    }));
    await expect(collectPages(graph(), '/me/todo/lists', asName)).rejects.toMatchObject({
      code: 'invalid_response',
    });
    expect(server.received).toHaveLength(1);
  });
});

describe('when a page is not a collection', () => {
  it('reports the shape problem with the request id', async () => {
    server.script(() => ({ status: 200, body: { items: [] } }));
    await expect(collectPages(graph(), '/me/todo/lists', asName)).rejects.toMatchObject({
      code: 'invalid_response',
      requestId: 'req-1',
      status: 200,
    });
  });
});
