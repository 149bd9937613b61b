/**
 * Dates and times as documents show them: the committee's pattern (dd/MM/yyyy by default) and
 * time zone. Data stays ISO-8601; only rendered documents use these.
 */
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Formats a YYYY-MM-DD date with a pattern of dd, d, MM, M, MMMM, MMM, yyyy, yy. */
export function formatDate(isoDate: string, pattern: string): string {
  const [year = '', month = '1', day = '1'] = isoDate.split('-');
  const monthIndex = Number(month) - 1;
  const tokens: Record<string, string> = {
    yyyy: year,
    yy: year.slice(2),
    MMMM: MONTHS[monthIndex] ?? month,
    MMM: (MONTHS[monthIndex] ?? month).slice(0, 3),
    MM: month.padStart(2, '0'),
    M: String(Number(month)),
    dd: day.padStart(2, '0'),
    d: String(Number(day)),
  };
  return pattern.replace(/yyyy|yy|MMMM|MMM|MM|M|dd|d/g, (token) => tokens[token] ?? token);
}

/** "25 January 2021". */
export function formatLongDate(isoDate: string): string {
  return formatDate(isoDate, 'd MMMM yyyy');
}

/** "13:20" for an instant, in the committee's time zone. */
export function formatTime(isoDateTime: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(isoDateTime));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('hour')}:${part('minute')}`;
}

/** "13:20 – 15:35", or just the start, or null when no time was recorded. */
export function formatTimeRange(
  startsAt: string | null,
  endsAt: string | null,
  timeZone: string,
): string | null {
  if (!startsAt) return null;
  const start = formatTime(startsAt, timeZone);
  return endsAt ? `${start} – ${formatTime(endsAt, timeZone)}` : start;
}
