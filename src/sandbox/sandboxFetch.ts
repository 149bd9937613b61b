/**
 * A `fetch` that sends requests for the sandbox's public origins to the running sandbox, the way
 * Dev Proxy intercepts calls to graph.microsoft.com. With the sandbox started with
 * `publicUrls: { graph: 'https://graph.microsoft.com', files: 'https://files.sandbox.example' }`,
 * a Graph client keeps its real base URL and follows nextLinks and upload URLs unchanged.
 */
import type { PublicUrls } from './core/types';

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export function sandboxFetch(
  sandboxUrl: string,
  publicUrls: Partial<PublicUrls>,
  base: FetchLike = fetch,
): FetchLike {
  const prefixes = [publicUrls.graph, publicUrls.files].filter(
    (prefix): prefix is string => typeof prefix === 'string' && prefix !== '',
  );
  const rewrite = (url: string): string => {
    const prefix = prefixes.find((candidate) =>
      url.toLowerCase().startsWith(candidate.toLowerCase()),
    );
    return prefix === undefined ? url : `${sandboxUrl}${url.slice(prefix.length)}`;
  };
  return async (input, init) => {
    if (typeof input === 'string' || input instanceof URL)
      return base(rewrite(String(input)), init);
    const body =
      input.method === 'GET' || input.method === 'HEAD' ? undefined : await input.arrayBuffer();
    return base(rewrite(input.url), {
      method: input.method,
      headers: input.headers,
      body,
      ...init,
    });
  };
}
