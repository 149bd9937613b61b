/**
 * A small `$filter` reader for the forms Minutebook sends: comparisons joined by `and`,
 * `property op literal` (`JoinWebUrl eq '…'`, `fields/ActionId eq 'OPSG 41/01'`,
 * `lastModifiedDateTime gt 2025-01-27T00:00:00Z`). Anything else is refused by the route, as
 * Graph refuses filters a workload does not support.
 */
import { badRequest } from './graphError';

export type FilterOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export interface FilterClause {
  /** As written, e.g. `JoinWebUrl` or `fields/ActionId`. */
  property: string;
  operator: FilterOperator;
  value: string | number | boolean | null;
}

const TOKEN =
  /\s*(?:'((?:[^']|'')*)'|(\(|\))|([A-Za-z_][\w/.]*)|(-?\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)|(-?\d+(?:\.\d+)?))/y;

type Token =
  | { kind: 'string'; value: string }
  | { kind: 'paren'; value: string }
  | { kind: 'word'; value: string }
  | { kind: 'literal'; value: string };

function tokenize(expression: string, code: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let position = 0;
  while (position < expression.length) {
    if (/^\s*$/.test(expression.slice(position))) break;
    TOKEN.lastIndex = position;
    const match = TOKEN.exec(expression);
    if (!match) {
      throw badRequest(
        code,
        `Invalid filter clause: syntax error at position ${position} in '${expression}'.`,
      );
    }
    if (match[1] !== undefined)
      tokens.push({ kind: 'string', value: match[1].replace(/''/g, "'") });
    else if (match[2] !== undefined) tokens.push({ kind: 'paren', value: match[2] });
    else if (match[3] !== undefined) tokens.push({ kind: 'word', value: match[3] });
    else tokens.push({ kind: 'literal', value: (match[4] ?? match[5])! });
    position = TOKEN.lastIndex;
  }
  return tokens;
}

const OPERATORS = new Set<FilterOperator>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

function literalValue(token: Token): FilterClause['value'] {
  if (token.kind === 'string') return token.value;
  if (token.kind === 'literal')
    return /^-?\d+(\.\d+)?$/.test(token.value) ? Number(token.value) : token.value;
  if (token.kind === 'word' && (token.value === 'true' || token.value === 'false')) {
    return token.value === 'true';
  }
  if (token.kind === 'word' && token.value === 'null') return null;
  throw new Error('not a literal');
}

/**
 * Parses `a eq 'x' and b gt 3`. Returns undefined when the expression uses anything else
 * (functions, `or`, `not`, lambdas): the caller answers that the filter is not supported.
 */
export function parseFilter(expression: string, code = 'BadRequest'): FilterClause[] | undefined {
  const tokens = tokenize(expression, code);
  if (tokens.some((token) => token.kind === 'paren')) return undefined;
  const clauses: FilterClause[] = [];
  let index = 0;
  while (index < tokens.length) {
    const [property, operator, value] = [tokens[index], tokens[index + 1], tokens[index + 2]];
    if (property?.kind !== 'word' || operator?.kind !== 'word' || !value) return undefined;
    const op = operator.value.toLowerCase() as FilterOperator;
    if (!OPERATORS.has(op)) return undefined;
    try {
      clauses.push({ property: property.value, operator: op, value: literalValue(value) });
    } catch {
      return undefined;
    }
    index += 3;
    if (index < tokens.length) {
      const joiner = tokens[index];
      if (joiner?.kind !== 'word' || joiner.value.toLowerCase() !== 'and') return undefined;
      index += 1;
      if (index >= tokens.length) return undefined;
    }
  }
  return clauses.length > 0 ? clauses : undefined;
}

export function compareValues(left: unknown, operator: FilterOperator, right: unknown): boolean {
  const a = typeof left === 'string' && typeof right === 'string' ? left.toLowerCase() : left;
  const b = typeof left === 'string' && typeof right === 'string' ? right.toLowerCase() : right;
  switch (operator) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    default: {
      if (typeof a !== typeof b || (typeof a !== 'string' && typeof a !== 'number')) return false;
      const x = a as string | number;
      const y = b as string | number;
      if (operator === 'gt') return x > y;
      if (operator === 'ge') return x >= y;
      if (operator === 'lt') return x < y;
      return x <= y;
    }
  }
}
