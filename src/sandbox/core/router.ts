/**
 * Matches a method and a raw Graph path to a route. Parameters are percent-decoded after matching,
 * so ids containing `/`, `:` or `@` (chat ids, meeting ids) work when the client encodes them.
 */
import type { RouteDef } from './types';

interface CompiledRoute {
  route: RouteDef;
  regex: RegExp;
  names: string[];
}

export type RouteMatch =
  | { kind: 'found'; route: RouteDef; params: Record<string, string> }
  | { kind: 'wrongMethod'; allowed: string[] }
  | { kind: 'none' };

function compile(route: RouteDef): CompiledRoute {
  const names: string[] = [];
  let source = '';
  let rest = route.pattern;
  const token = /\{(\w+)(\*?)\}/g;
  let last = 0;
  for (const match of rest.matchAll(token)) {
    source += escapeRegex(rest.slice(last, match.index));
    const [, name, greedy] = match as unknown as [string, string, string];
    names.push(name);
    if (name === 'principal') source += '(me|users/[^/]+)';
    else source += greedy ? '(.+?)' : '([^/]+)';
    last = (match.index ?? 0) + match[0].length;
  }
  source += escapeRegex(rest.slice(last));
  rest = '';
  return { route, regex: new RegExp(`^${source}/?$`, 'i'), names };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export class GraphRouter {
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly RouteDef[]) {
    this.compiled = routes.map(compile);
  }

  match(method: string, path: string): RouteMatch {
    const allowed: string[] = [];
    for (const { route, regex, names } of this.compiled) {
      const found = regex.exec(path);
      if (!found) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      names.forEach((name, index) => {
        params[name] = decode(found[index + 1] ?? '');
      });
      return { kind: 'found', route, params };
    }
    return allowed.length > 0 ? { kind: 'wrongMethod', allowed } : { kind: 'none' };
  }
}
