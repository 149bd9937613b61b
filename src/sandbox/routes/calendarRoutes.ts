/**
 * The calendar view (user-list-calendarview.md): events overlapping [startDateTime, endDateTime),
 * with attendees and their RSVPs. Permission: Calendars.ReadBasic / Calendars.Read.
 * Refusals: either bound missing or unreadable → 400 ErrorInvalidParameter (the service's own
 * message, microsoft-graph-docs#57); any `$filter` → 400 ErrorInvalidProperty (Graph refuses
 * `isOnlineMeeting eq true`, Softeria/ms-365-mcp-server#663; Minutebook filters client side).
 * Quirk kept: with `$select`, `onlineMeeting` comes back null unless `isOnlineMeeting` is selected.
 */
import { badRequest, GraphError } from '../core/graphError';
import { applySelect, collection, parseSelect } from '../core/odataQuery';
import type { RouteContext, RouteDef } from '../core/types';

const EVENT = 'microsoft.graph.event';

function readBound(context: RouteContext, name: 'startDateTime' | 'endDateTime'): Date {
  const raw = context.req.query.get(name);
  if (raw === null || raw.trim() === '') {
    throw badRequest(
      'ErrorInvalidParameter',
      'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
    );
  }
  const hasZone = /(Z|[+-]\d{2}:\d{2})$/i.test(raw);
  const parsed = new Date(hasZone ? raw : `${raw}Z`);
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+)?/.test(raw) || Number.isNaN(parsed.getTime())) {
    throw badRequest(
      'ErrorInvalidParameter',
      `The value '${raw}' of parameter '${name}' is not a valid date and time.`,
    );
  }
  return parsed;
}

function calendarView(context: RouteContext) {
  if (context.req.query.has('$filter')) {
    throw badRequest(
      'ErrorInvalidProperty',
      'Filtering a calendar view is not supported here (Graph refuses isOnlineMeeting eq true); select the fields and filter on the client.',
    );
  }
  const start = readBound(context, 'startDateTime');
  const end = readBound(context, 'endDateTime');
  if (end <= start) {
    throw badRequest(
      'ErrorInvalidParameter',
      'The EndDateTime parameter must be later than StartDateTime.',
    );
  }
  const select = parseSelect(context, EVENT);
  const owner = context.principal!;
  if (!context.session.appOnly && owner.id !== context.session.me.id) {
    // Reading another user's calendar needs it shared with the caller, which the sandbox does not model.
    throw new GraphError(
      403,
      'ErrorAccessDenied',
      'Access is denied. Check credentials and try again.',
    );
  }
  const events = context.runtime.state.events
    .filter((event) => event.ownerId === owner.id && event.start < end && event.end > start)
    .sort((a, b) => a.start.getTime() - b.start.getTime())
    .map((event) => {
      const projected = applySelect(event.resource, select);
      const selected = new Set((select ?? []).map((name) => name.toLowerCase()));
      if (select && selected.has('onlinemeeting') && !selected.has('isonlinemeeting')) {
        projected.onlineMeeting = null;
      }
      return projected;
    });
  return collection(context, events, EVENT, 'users/calendarView');
}

export function calendarRoutes(): RouteDef[] {
  return [
    {
      method: 'GET',
      pattern: '/{principal}/calendarView',
      service: 'outlook',
      query: ['$select', '$top', '$skiptoken', '$filter'],
      handle: calendarView,
    },
  ];
}
