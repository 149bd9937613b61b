/**
 * SharePoint list rows: the action register (listitem-list.md, listitem-create.md,
 * listitem-get.md, listitem-update.md). Permission: Sites.ReadWrite.All or Sites.Selected.
 * Refusals: an unknown or read-only column → 400 invalidRequest; `$filter` on a column that is
 * not indexed without `Prefer: HonorNonIndexedQueriesWarningMayFailRandomly` → 400 invalidRequest
 * (SharePoint's message, as seen in many public clients); a filter other than `fields/X eq …`
 * → 400; a stale If-Match → 412; a missing list or row → 404 itemNotFound. DELETE
 * (listitem-delete.md) takes an optional If-Match. SharePoint never reuses an item id in a list;
 * the sandbox forgets its rows when it restarts (the seeded lists keep their ids), so its first new
 * row after seeding is numbered from a random point: an id recorded before a restart answers 404
 * instead of naming another row.
 */
import { checkIfMatch, SHAREPOINT_IF_MATCH } from '../core/etags';
import { badRequest, notFound } from '../core/graphError';
import { compareValues, parseFilter, type FilterClause } from '../core/odataFilter';
import { collection, json, parseExpand } from '../core/odataQuery';
import type { RouteContext, RouteDef } from '../core/types';
import type { GraphObject, ListItemRec, ListRec } from '../state/SandboxState';
import { checkFieldValues } from './columnValues';
import { fieldValueSet, listItemResource, type ListItemView } from './listItems';

const LIST_ITEM = 'microsoft.graph.listItem';
const HONOR_NON_INDEXED = 'honornonindexedquerieswarningmayfailrandomly';

function findList(context: RouteContext): ListRec {
  const { siteId, listId } = context.params;
  const wanted = listId!.toLowerCase();
  const list = [...context.runtime.state.lists.values()].find(
    (candidate) =>
      candidate.siteId.toLowerCase() === siteId!.toLowerCase() &&
      (candidate.id.toLowerCase() === wanted || candidate.displayName.toLowerCase() === wanted),
  );
  if (!list) throw notFound('itemNotFound', 'The specified list was not found.');
  return list;
}

function findRow(context: RouteContext, list: ListRec): ListItemRec {
  const row = list.items.get(context.params.itemId!);
  if (!row) throw notFound('itemNotFound', 'The resource could not be found.');
  return row;
}

export function rowView(list: ListRec, row: ListItemRec): ListItemView {
  return {
    ...row,
    etag: `"${row.uniqueId},${row.version}"`,
    webUrl: `${list.webUrl}/DispForm.aspx?ID=${row.id}`,
    siteId: list.siteId,
    listId: list.id,
  };
}

function readFilter(context: RouteContext, list: ListRec): FilterClause[] {
  const raw = context.req.query.get('$filter');
  if (raw === null) return [];
  const clauses = parseFilter(raw, 'invalidRequest');
  if (!clauses || clauses.some((clause) => !clause.property.toLowerCase().startsWith('fields/'))) {
    throw badRequest(
      'invalidRequest',
      `Invalid filter clause: the sandbox supports fields/{column} comparisons joined by 'and' (got '${raw}').`,
    );
  }
  const prefer = (context.req.headers.prefer ?? '').toLowerCase();
  for (const clause of clauses) {
    const name = clause.property.slice('fields/'.length);
    const column = list.columns.find((candidate) => candidate.name === name);
    if (!column) throw badRequest('invalidRequest', `Field '${name}' is not recognized.`);
    if (!column.indexed && !prefer.includes(HONOR_NON_INDEXED)) {
      throw badRequest(
        'invalidRequest',
        `Field '${name}' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.`,
      );
    }
  }
  return clauses;
}

function listRows(context: RouteContext) {
  const list = findList(context);
  const expand = parseExpand(context, LIST_ITEM, ['fields']);
  const clauses = readFilter(context, list);
  const rows = [...list.items.values()]
    .filter((row) =>
      clauses.every((clause) =>
        compareValues(
          row.fields[clause.property.slice('fields/'.length)],
          clause.operator,
          clause.value,
        ),
      ),
    )
    .map((row) => listItemResource(context, rowView(list, row), expand, false));
  return collection(context, rows, LIST_ITEM, 'sites/lists/items');
}

function createRow(context: RouteContext) {
  const list = findList(context);
  const body = context.req.body as GraphObject;
  if (typeof body.fields !== 'object' || body.fields === null) {
    throw badRequest('invalidRequest', 'A new list item needs "fields".');
  }
  const values = checkFieldValues(list.columns, body.fields as GraphObject);
  const at = context.now.toISOString();
  const row: ListItemRec = {
    id: nextRowId(context, list),
    uniqueId: context.runtime.ids.guid(),
    fields: values,
    createdDateTime: at,
    lastModifiedDateTime: at,
    createdById: context.session.me.id,
    lastModifiedById: context.session.me.id,
    version: 1,
  };
  list.items.set(row.id, row);
  return json(
    201,
    listItemResource(context, rowView(list, row), new Map([['fields', undefined]])),
    { type: LIST_ITEM },
  );
}

/** The next row id: never one this list may have issued before the sandbox restarted. */
function nextRowId(context: RouteContext, list: ListRec): string {
  if (!list.numberingMoved) {
    list.numberingMoved = true;
    const random = Number.parseInt(context.runtime.ids.guid().slice(0, 7), 16);
    list.nextItemId += 1_000 + (random % 100_000_000);
  }
  return String(list.nextItemId++);
}

function deleteRow(context: RouteContext) {
  const list = findList(context);
  const row = findRow(context, list);
  checkIfMatch(context.req, rowView(list, row).etag, SHAREPOINT_IF_MATCH);
  list.items.delete(row.id);
  return { status: 204 };
}

function updateRow(context: RouteContext) {
  const list = findList(context);
  const row = findRow(context, list);
  checkIfMatch(context.req, rowView(list, row).etag, SHAREPOINT_IF_MATCH);
  const values = checkFieldValues(list.columns, context.req.body as GraphObject);
  Object.assign(row.fields, values);
  row.version += 1;
  row.lastModifiedDateTime = context.now.toISOString();
  row.lastModifiedById = context.session.me.id;
  return json(200, fieldValueSet(context, rowView(list, row)), {
    type: 'microsoft.graph.fieldValueSet',
  });
}

export function listRoutes(): RouteDef[] {
  const items = '/sites/{siteId}/lists/{listId}/items';
  return [
    {
      method: 'PATCH',
      pattern: `${items}/{itemId}/fields`,
      service: 'sharepoint',
      body: { type: 'microsoft.graph.fieldValueSet' },
      handle: updateRow,
    },
    {
      method: 'DELETE',
      pattern: `${items}/{itemId}`,
      service: 'sharepoint',
      handle: deleteRow,
    },
    {
      method: 'GET',
      pattern: `${items}/{itemId}`,
      service: 'sharepoint',
      query: ['$expand'],
      handle(context) {
        const list = findList(context);
        const expand = parseExpand(context, LIST_ITEM, ['fields']);
        return json(200, listItemResource(context, rowView(list, findRow(context, list)), expand), {
          type: LIST_ITEM,
        });
      },
    },
    {
      method: 'POST',
      pattern: items,
      service: 'sharepoint',
      body: { type: LIST_ITEM },
      handle: createRow,
    },
    {
      method: 'GET',
      pattern: items,
      service: 'sharepoint',
      query: ['$expand', '$filter', '$top', '$skiptoken'],
      handle: listRows,
    },
  ];
}
