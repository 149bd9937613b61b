/**
 * The committee's action register as a SharePoint list, one row per action, keyed by the action
 * id ("OPSG 41/01") in a text column (internal name `ActionId` by default):
 *
 *   GET   /sites/{s}/lists/{l}/items?$expand=fields&$filter=fields/ActionId eq '...'
 *         with `Prefer: HonorNonIndexedQueriesWarningMayFailRandomly` (index the column: on an
 *         unindexed column of a list past 5,000 rows the query may fail)
 *   POST  /sites/{s}/lists/{l}/items                 {fields: {...}}
 *   PATCH /sites/{s}/lists/{l}/items/{id}/fields     fieldValueSet, optional If-Match
 *
 * Finding before creating makes "create" safe to repeat: a row whose creation answer was lost is
 * found by its action id instead of being added twice.
 *
 * Permissions: delegated Sites.ReadWrite.All. Application: Sites.Selected with "write" granted on
 * the committee site (or Lists.SelectedOperations.Selected on this list), instead of
 * Sites.ReadWrite.All on every site in the tenant.
 */
import { odataString, query, segment, type GraphClient } from './createGraphClient';
import { collectPages } from './paging';
import { etagOf, optStr, parseBody, record, str } from './parse';

export interface ListRef {
  siteId: string;
  listId: string;
}

export type FieldValues = Record<
  string,
  string | number | boolean | null | readonly (string | number)[]
>;

export interface ListRow {
  id: string;
  etag: string | null;
  webUrl: string | null;
  fields: Record<string, unknown>;
}

export const NON_INDEXED_QUERY_PREFER = 'HonorNonIndexedQueriesWarningMayFailRandomly';

export async function findRowByActionId(
  client: GraphClient,
  list: ListRef,
  actionId: string,
  options: { column?: string; signal?: AbortSignal } = {},
): Promise<ListRow | null> {
  const column = options.column ?? 'ActionId';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(column))
    throw new RangeError(`"${column}" is not a column's internal name.`);
  const rows = await collectPages(
    client,
    `${itemsPath(list)}${query({ $expand: 'fields', $filter: `fields/${column} eq ${odataString(actionId)}` })}`,
    parseListRow,
    {
      headers: { Prefer: NON_INDEXED_QUERY_PREFER },
      maxPages: 5,
      ...(options.signal ? { signal: options.signal } : {}),
    },
  );
  return rows.find((row) => row.fields[column] === actionId) ?? null;
}

export async function createRow(
  client: GraphClient,
  list: ListRef,
  fields: FieldValues,
  options: { signal?: AbortSignal } = {},
): Promise<ListRow> {
  const response = await client.send({
    method: 'POST',
    url: itemsPath(list),
    body: { fields },
    ...options,
  });
  return parseBody(response, parseListRow);
}

/** Updates the given columns only; returns the row's fields as Graph now has them. */
export async function updateRowFields(
  client: GraphClient,
  list: ListRef,
  itemId: string,
  fields: FieldValues,
  options: { ifMatch?: string; signal?: AbortSignal } = {},
): Promise<Record<string, unknown>> {
  const response = await client.send({
    method: 'PATCH',
    url: `${itemsPath(list)}/${segment(itemId)}/fields`,
    body: fields,
    ...(options.ifMatch ? { headers: { 'If-Match': options.ifMatch } } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return parseBody(response, (body) => record(body, 'fieldValueSet'));
}

function itemsPath(list: ListRef): string {
  return `/sites/${segment(list.siteId)}/lists/${segment(list.listId)}/items`;
}

export function parseListRow(value: unknown): ListRow {
  const item = record(value, 'listItem');
  return {
    id: str(item, 'id', 'listItem'),
    etag: etagOf(item, 'listItem'),
    webUrl: optStr(item, 'webUrl', 'listItem'),
    fields:
      item.fields === undefined || item.fields === null
        ? {}
        : record(item.fields, 'listItem.fields'),
  };
}
