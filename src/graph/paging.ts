/**
 * Collects every page of a Graph collection by following `@odata.nextLink` (an absolute URL that
 * already carries the query, so it is requested as it is), with a cap on pages so that a server
 * that keeps answering with a nextLink cannot keep us busy forever. A nextLink outside the base URL
 * is refused rather than followed.
 *
 * Permissions: those of the collection being read.
 */
import { GraphRequestError } from './GraphRequestError';
import type { GraphClient } from './createGraphClient';
import { collectionPage, parseBody } from './parse';

export const DEFAULT_MAX_PAGES = 100;

export interface PagingOptions {
  /** Sent with every page request (e.g. `Prefer: outlook.timezone="UTC"`). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  maxPages?: number;
}

export async function collectPages<T>(
  client: GraphClient,
  firstUrl: string,
  parseItem: (value: unknown) => T,
  options: PagingOptions = {},
): Promise<T[]> {
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const items: T[] = [];
  let url: string | null = firstUrl;
  for (let page = 1; url !== null; page += 1) {
    if (page > maxPages) {
      throw GraphRequestError.invalidResponse(
        `more than ${maxPages} pages from ${firstUrl.split('?')[0]}; stopped to be safe (raise maxPages if the collection is really this big)`,
      );
    }
    const response = await client.send({
      method: 'GET',
      url,
      ...(options.headers ? { headers: options.headers } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const { value, nextLink } = parseBody(response, (body) => {
      const parsed = collectionPage(body);
      return { value: parsed.value.map(parseItem), nextLink: parsed.nextLink };
    });
    items.push(...value);
    if (nextLink !== null && client.relativeUrl(nextLink) === null) {
      throw GraphRequestError.invalidResponse(
        `@odata.nextLink points outside ${client.baseUrl}; not followed`,
        { status: response.status, requestId: response.requestId, request: response.label },
      );
    }
    url = nextLink;
  }
  return items;
}
