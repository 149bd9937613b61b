/**
 * SharePoint column values in a `fieldValueSet` (an open type keyed by internal column names):
 * only the list's columns, in their column type, never a read-only system field. A name the list
 * does not have is refused with 400 invalidRequest, as SharePoint does.
 */
import { isDateTimeOffset, isEdmDate } from '../contract/edmPrimitives';
import { badRequest } from '../core/graphError';
import type { ColumnDef, GraphObject } from '../state/SandboxState';

/** Fields SharePoint maintains itself. */
export const SYSTEM_FIELDS = new Set([
  'id',
  'Created',
  'Modified',
  'AuthorLookupId',
  'EditorLookupId',
  '_UIVersionString',
  'ContentType',
  'Attachments',
  'Edit',
  'LinkTitle',
  'ItemChildCount',
  'FolderChildCount',
]);

function describe(column: ColumnDef): string {
  return column.type === 'choice'
    ? `one of ${column.choices?.join(', ')}`
    : `a ${column.type} value`;
}

function fits(column: ColumnDef, value: unknown): boolean {
  if (value === null) return true;
  switch (column.type) {
    case 'text':
    case 'note':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'dateTime':
      return typeof value === 'string' && (isDateTimeOffset(value) || isEdmDate(value));
    case 'choice':
      return typeof value === 'string' && (column.choices ?? []).includes(value);
  }
}

/** Checks a write to the fields; returns the values to store (annotations dropped). */
export function checkFieldValues(columns: readonly ColumnDef[], input: GraphObject): GraphObject {
  const values: GraphObject = {};
  for (const [key, value] of Object.entries(input)) {
    if (key.startsWith('@')) continue;
    const at = key.indexOf('@');
    const name = at > 0 ? key.slice(0, at) : key;
    if (SYSTEM_FIELDS.has(name)) {
      throw badRequest('invalidRequest', `Field '${name}' is read-only.`);
    }
    const column = columns.find((candidate) => candidate.name === name);
    if (!column) throw badRequest('invalidRequest', `Field '${name}' is not recognized.`);
    if (at > 0) continue;
    if (!fits(column, value)) {
      throw badRequest(
        'invalidRequest',
        `The value of field '${name}' is not valid: expected ${describe(column)}, got ${JSON.stringify(value)}.`,
      );
    }
    values[name] = value;
  }
  return values;
}
