/**
 * Outlook's `dateTimeTimeZone`: a local date-time without offset plus a zone name
 * ({"dateTime":"2025-01-27T13:20:00.0000000","timeZone":"UTC"}). The sandbox keeps UTC.
 */
import type { GraphObject } from './SandboxState';

export function outlookDateTime(date: Date): GraphObject {
  return { dateTime: `${date.toISOString().slice(0, 19)}.0000000`, timeZone: 'UTC' };
}

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?$/;

/** A `dateTimeTimeZone.dateTime` value: local, no offset. */
export function isLocalDateTime(value: string): boolean {
  return LOCAL_DATE_TIME.test(value) && !Number.isNaN(Date.parse(`${value.slice(0, 19)}Z`));
}

/** Normalises to Outlook's seven-digit fraction form. */
export function normaliseLocalDateTime(value: string): string {
  const [main, fraction = ''] = value.split('.');
  const withSeconds = main!.length === 16 ? `${main}:00` : main!;
  return `${withSeconds}.${fraction.padEnd(7, '0').slice(0, 7)}`;
}
