/**
 * Small readers for Graph's JSON: `unknown` in, typed values out, or a ShapeError naming the
 * property that is wrong. Each resource module has one parse function per shape built from these;
 * `parseBody` turns a ShapeError into GraphRequestError `invalid_response` with the request id.
 *
 * Graph omits null properties freely, so optional readers accept missing and null alike.
 *
 * Permissions: none.
 */
import { GraphRequestError } from './GraphRequestError';
import type { GraphResponse } from './createGraphClient';

export class ShapeError extends Error {}

export type Json = Record<string, unknown>;

export function record(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ShapeError(`${what} is not an object`);
  }
  return value as Json;
}

export function optRecord(value: unknown, what: string): Json | null {
  return value === undefined || value === null ? null : record(value, what);
}

export function str(object: Json, key: string, what: string): string {
  const value = object[key];
  if (typeof value !== 'string') throw new ShapeError(`${what}.${key} is not a string`);
  return value;
}

export function optStr(object: Json, key: string, what: string): string | null {
  const value = object[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new ShapeError(`${what}.${key} is not a string`);
  return value;
}

export function optNum(object: Json, key: string, what: string): number | null {
  const value = object[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ShapeError(`${what}.${key} is not a number`);
  }
  return value;
}

export function optBool(object: Json, key: string, what: string): boolean | null {
  const value = object[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'boolean') throw new ShapeError(`${what}.${key} is not a boolean`);
  return value;
}

/** A collection property; missing or null reads as empty. */
export function list(object: Json, key: string, what: string): unknown[] {
  const value = object[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ShapeError(`${what}.${key} is not an array`);
  return value;
}

/** The etag of an entity: `@odata.etag` (Planner, To Do, lists) or `eTag` (drive items). */
export function etagOf(object: Json, what: string): string | null {
  return optStr(object, '@odata.etag', what) ?? optStr(object, 'eTag', what);
}

/** A `dateTimeTimeZone` ({dateTime, timeZone}). */
export function dateTimeTimeZone(
  value: unknown,
  what: string,
): { dateTime: string; timeZone: string } | null {
  const object = optRecord(value, what);
  if (!object) return null;
  return {
    dateTime: str(object, 'dateTime', what),
    timeZone: optStr(object, 'timeZone', what) ?? 'UTC',
  };
}

/** Runs `parse` on a response body; a ShapeError becomes GraphRequestError `invalid_response`. */
export function parseBody<T>(response: GraphResponse, parse: (body: unknown) => T): T {
  try {
    return parse(response.body);
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    throw GraphRequestError.invalidResponse(error.message, {
      status: response.status,
      requestId: response.requestId,
      request: response.label,
    });
  }
}

/** Runs `parse` on a value from elsewhere (a $batch item); a ShapeError becomes `invalid_response`. */
export function parseValue<T>(value: unknown, label: string, parse: (value: unknown) => T): T {
  try {
    return parse(value);
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    throw GraphRequestError.invalidResponse(error.message, { request: label });
  }
}

/** One page of a collection: `{value: [...], '@odata.nextLink'?: absolute URL}`. */
export function collectionPage(body: unknown): { value: unknown[]; nextLink: string | null } {
  const page = record(body, 'collection');
  if (!Array.isArray(page.value)) throw new ShapeError('collection.value is not an array');
  return { value: page.value, nextLink: optStr(page, '@odata.nextLink', 'collection') };
}
