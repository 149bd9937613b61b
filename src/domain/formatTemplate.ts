/**
 * The committee's own formats for meeting references (`{code}_{number}_{DDMM}`) and action IDs
 * (`{code} {number}/{seq:2}`). One small template language so both stay configurable.
 */

export interface TemplateValues {
  code: string;
  number: string;
  /** The meeting date, YYYY-MM-DD. */
  date?: string | null;
  /** The action's sequence number within its meeting, from 1. */
  seq?: number;
}

const PLACEHOLDER = /\{([A-Za-z]+)(?::(\d))?\}/g;
const KNOWN = ['code', 'number', 'seq', 'DDMM', 'DD', 'MM', 'YYYY', 'YY'] as const;

/** Returns the problems with a template, empty when it can be used. */
export function templateProblems(template: string, required: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!(KNOWN as readonly string[]).includes(name)) {
      problems.push(
        `unknown placeholder {${name}}; use one of ${KNOWN.map((k) => `{${k}}`).join(', ')}`,
      );
    }
    seen.add(name);
  }
  for (const name of required) {
    if (!seen.has(name)) problems.push(`must contain {${name}}`);
  }
  return problems;
}

export function fillTemplate(template: string, values: TemplateValues): string {
  const [year = '', month = '', day = ''] = (values.date ?? '').split('-');
  return template.replace(PLACEHOLDER, (whole, name: string, width?: string) => {
    switch (name) {
      case 'code':
        return values.code;
      case 'number':
        return values.number;
      case 'seq':
        return values.seq === undefined
          ? whole
          : String(values.seq).padStart(Number(width ?? 1), '0');
      case 'DDMM':
        return `${day}${month}`;
      case 'DD':
        return day;
      case 'MM':
        return month;
      case 'YYYY':
        return year;
      case 'YY':
        return year.slice(2);
      default:
        return whole;
    }
  });
}
