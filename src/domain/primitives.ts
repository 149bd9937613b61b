/**
 * Value shapes shared by every schema: ids, ISO-8601 dates and times, bounded text.
 * Ids start with a letter or digit so that no id can be "__proto__"; entity maps are Maps anyway.
 */
import { z } from 'zod';

export const ENTITY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$/;

export const entityId = z
  .string()
  .regex(
    ENTITY_ID_PATTERN,
    'must be 1-80 letters, digits, "_", ".", ":" or "-", starting with a letter or digit',
  );

/** A calendar date, YYYY-MM-DD, that exists (no 31 February). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine(isRealDate, 'must be a real calendar date');

/** An instant with its offset, e.g. 2021-01-25T13:20:00Z or 2021-01-25T13:20:00+00:00. */
export const isoDateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/,
    'must be an ISO-8601 date-time with a zone, e.g. 2021-01-25T13:20:00Z',
  )
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be a real date-time');

export function boundedText(max: number) {
  return z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((value) => value.trim().length > 0, 'must not be empty');
}

/** Short labels: names, titles, roles. */
export const label = boundedText(300);
/** Long user-typed text: notes, action text, updates. */
export const longText = boundedText(20_000);

function isRealDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}
