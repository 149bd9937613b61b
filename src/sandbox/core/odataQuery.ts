/**
 * The OData query options the sandbox supports: `$top` (page size), `$skiptoken` (opaque, from
 * the `@odata.nextLink` it hands out), `$select` (projection, unknown property refused) and
 * `$expand` (only what a route lists). Collections beyond a page carry an absolute
 * `@odata.nextLink`, as Graph's do.
 */
import { GRAPH_TYPES, findProperty } from '../contract/graphTypes';
import { badRequest } from './graphError';
import type { DeclaredBody, GraphResponse, RouteContext } from './types';

export function contextUrl(context: RouteContext, fragment: string): string {
  return `${context.session.baseUrl}/v1.0/$metadata#${fragment}`;
}

/** `$top`, when given, is a positive integer not above `max`. */
export function parseTop(context: RouteContext, max?: number): number | undefined {
  const raw = context.req.query.get('$top');
  if (raw === null) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1) {
    throw badRequest('BadRequest', `Invalid value '${raw}' for query option '$top'.`);
  }
  if (max !== undefined && value > max) {
    throw badRequest('BadRequest', `The value of query option '$top' must not exceed ${max}.`);
  }
  return value;
}

function decodeSkipToken(raw: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0)
      return parsed.o;
  } catch {
    // falls through to the refusal below
  }
  throw badRequest('BadRequest', `The $skiptoken '${raw}' is not valid for this request.`);
}

export interface Page<T> {
  items: T[];
  nextLink?: string;
}

/** Cuts one page out of `items` according to `$top`/`$skiptoken` and builds the next link. */
export function pageOf<T>(context: RouteContext, items: readonly T[], maxTop?: number): Page<T> {
  const size = parseTop(context, maxTop) ?? context.runtime.pageSize;
  const raw = context.req.query.get('$skiptoken');
  const offset = raw === null ? 0 : decodeSkipToken(raw);
  const slice = items.slice(offset, offset + size);
  if (offset + size >= items.length) return { items: slice };
  const query = new URLSearchParams(context.req.query);
  query.delete('$skiptoken');
  query.set('$skiptoken', Buffer.from(JSON.stringify({ o: offset + size })).toString('base64url'));
  const search = [...query.entries()]
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');
  return {
    items: slice,
    nextLink: `${context.session.baseUrl}/v1.0${context.req.path}?${search}`,
  };
}

/** `$select=a,b` checked against the type: Graph refuses a property the type lacks. */
export function parseSelect(context: RouteContext, typeName: string): string[] | undefined {
  const raw = context.req.query.get('$select');
  if (raw === null) return undefined;
  const def = GRAPH_TYPES.get(typeName);
  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  for (const name of names) {
    if (def && !findProperty(def, name)) {
      throw badRequest(
        'BadRequest',
        `Could not find a property named '${name}' on type '${typeName}'.`,
      );
    }
  }
  return names;
}

/** Keeps the selected properties, `id` and the `@odata.*` annotations. */
export function applySelect(
  entity: Record<string, unknown>,
  select: readonly string[] | undefined,
): Record<string, unknown> {
  if (!select) return entity;
  const wanted = new Set(select.map((name) => name.toLowerCase()));
  const projected: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entity)) {
    if (key.startsWith('@') || key === 'id' || wanted.has(key.toLowerCase()))
      projected[key] = value;
  }
  return projected;
}

/**
 * `$expand=a,b(...)`: returns the expanded names (lower case) with any nested `$select`; a name
 * the route does not offer is refused.
 */
export function parseExpand(
  context: RouteContext,
  typeName: string,
  offered: readonly string[],
): Map<string, string[] | undefined> {
  const raw = context.req.query.get('$expand');
  const expanded = new Map<string, string[] | undefined>();
  if (raw === null) return expanded;
  for (const part of splitTopLevel(raw)) {
    const match = /^\s*([\w]+)\s*(?:\((.*)\))?\s*$/.exec(part);
    const name = match?.[1];
    if (!match || !name || !offered.some((offer) => offer.toLowerCase() === name.toLowerCase())) {
      throw badRequest(
        'BadRequest',
        `Could not find a navigation property named '${part.trim()}' on type '${typeName}' that can be expanded here.`,
      );
    }
    const nested = match[2] ? /\$select=([^;]*)/i.exec(match[2])?.[1] : undefined;
    expanded.set(
      name.toLowerCase(),
      nested === undefined ? undefined : nested.split(',').map((item) => item.trim()),
    );
  }
  return expanded;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (current.trim() !== '') parts.push(current);
  return parts;
}

/** A JSON answer, with the type it claims so the sandbox can check itself. */
export function json(
  status: number,
  body: Record<string, unknown>,
  declared: DeclaredBody,
  headers: Record<string, string> = {},
): GraphResponse {
  const etag = body['@odata.etag'];
  const withEtag =
    typeof etag === 'string' && declared.collection !== true ? { ETag: etag, ...headers } : headers;
  return { status, body, declared, headers: withEtag };
}

/** A page of a collection: `{@odata.context, value, @odata.nextLink?}`. */
export function collection(
  context: RouteContext,
  items: readonly Record<string, unknown>[],
  itemType: string,
  contextFragment: string,
  options: { maxTop?: number; count?: boolean } = {},
): GraphResponse {
  const page = pageOf(context, items, options.maxTop);
  const body: Record<string, unknown> = { '@odata.context': contextUrl(context, contextFragment) };
  if (options.count) body['@odata.count'] = items.length;
  if (page.nextLink) body['@odata.nextLink'] = page.nextLink;
  body.value = page.items;
  return { status: 200, body, declared: { type: itemType, collection: true } };
}
