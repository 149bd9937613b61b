/**
 * The JSON forms of OData's Edm primitive types as Graph reads them (OData JSON Format 4.01 §7.1):
 * strings for DateTimeOffset/Date/TimeOfDay/Duration/Guid/Binary, numbers for integers and
 * doubles. Returns a message in Graph's words when the value does not fit, otherwise undefined.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,7})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/i;
const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,12})?)?$/;
const DURATION = /^-?P(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64 = /^(?:[A-Za-z0-9+/_-]{4})*(?:[A-Za-z0-9+/_-]{2}(?:==)?|[A-Za-z0-9+/_-]{3}=?)?$/;

const INTEGER_RANGES: Record<string, [number, number]> = {
  'Edm.Byte': [0, 255],
  'Edm.SByte': [-128, 127],
  'Edm.Int16': [-32768, 32767],
  'Edm.Int32': [-2147483648, 2147483647],
  'Edm.Int64': [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

function isValidCalendarDate(year: string, month: string, day: string): boolean {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isDateTimeOffset(value: string): boolean {
  const match = DATE_TIME_OFFSET.exec(value);
  return match !== null && isValidCalendarDate(match[1]!, match[2]!, match[3]!);
}

export function isEdmDate(value: string): boolean {
  const match = DATE.exec(value);
  return match !== null && isValidCalendarDate(match[1]!, match[2]!, match[3]!);
}

function cannotConvert(value: unknown, type: string): string {
  const literal = typeof value === 'string' ? value : JSON.stringify(value);
  return `Cannot convert the literal '${literal}' to the expected type '${type}'.`;
}

export function checkPrimitive(value: unknown, type: string): string | undefined {
  const range = INTEGER_RANGES[type];
  if (range) {
    const numeric = type === 'Edm.Int64' && typeof value === 'string' && /^-?\d+$/.test(value);
    if (numeric) return undefined;
    return typeof value === 'number' &&
      Number.isInteger(value) &&
      value >= range[0] &&
      value <= range[1]
      ? undefined
      : cannotConvert(value, type);
  }
  switch (type) {
    case 'Edm.String':
      return typeof value === 'string' ? undefined : cannotConvert(value, type);
    case 'Edm.Boolean':
      return typeof value === 'boolean' ? undefined : cannotConvert(value, type);
    case 'Edm.Double':
    case 'Edm.Single':
    case 'Edm.Decimal':
      return typeof value === 'number' || value === 'NaN' || value === 'INF' || value === '-INF'
        ? undefined
        : cannotConvert(value, type);
    case 'Edm.Guid':
      return typeof value === 'string' && GUID.test(value) ? undefined : cannotConvert(value, type);
    case 'Edm.DateTimeOffset':
      return typeof value === 'string' && isDateTimeOffset(value)
        ? undefined
        : cannotConvert(value, type);
    case 'Edm.Date':
      return typeof value === 'string' && isEdmDate(value) ? undefined : cannotConvert(value, type);
    case 'Edm.TimeOfDay':
      return typeof value === 'string' && TIME_OF_DAY.test(value)
        ? undefined
        : cannotConvert(value, type);
    case 'Edm.Duration':
      return typeof value === 'string' && DURATION.test(value) && value !== 'P'
        ? undefined
        : cannotConvert(value, type);
    case 'Edm.Binary':
      return typeof value === 'string' && BASE64.test(value)
        ? undefined
        : cannotConvert(value, type);
    case 'Edm.Stream':
      return `A stream property cannot be written in a JSON body; upload its content separately.`;
    default:
      // Edm.Untyped, Edm.PrimitiveType and the geography types: not constrained here.
      return undefined;
  }
}
