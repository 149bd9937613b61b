/**
 * Online meetings and attendance (onlinemeeting-get.md, meetingattendancereport-list.md,
 * meetingattendancereport-get.md, attendancerecord-list.md).
 * Permissions: OnlineMeetings.Read (meeting); OnlineMeetingArtifact.Read.All (reports), and only
 * the organizer may read reports. Refusals:
 * - the collection needs `$filter=JoinWebUrl eq '…'` (or joinMeetingIdSettings/joinMeetingId);
 * - an id that is not a Graph meeting id (e.g. the teams-js `meeting.id`) → 400 "Meeting Id is
 *   corrupted" (OfficeDev/microsoft-teams-library-js#539);
 * - reports for a non-organizer → 403.
 */
import { badRequest, GraphError, notFound } from '../core/graphError';
import { parseFilter } from '../core/odataFilter';
import {
  applySelect,
  collection,
  contextUrl,
  json,
  parseExpand,
  parseSelect,
} from '../core/odataQuery';
import type { RouteContext, RouteDef } from '../core/types';
import type { OnlineMeetingRec } from '../state/SandboxState';

const MEETING = 'microsoft.graph.onlineMeeting';
const REPORT = 'microsoft.graph.meetingAttendanceReport';
const RECORD = 'microsoft.graph.attendanceRecord';
const GRAPH_MEETING_ID = /^1\*[0-9a-f-]{36}\*0\*\*19:.+@thread\.v2$/i;

function visibleMeetings(context: RouteContext): OnlineMeetingRec[] {
  const user = context.principal!;
  return [...context.runtime.state.meetings.values()].filter((meeting) =>
    meeting.participantIds.includes(user.id),
  );
}

function matchesUrl(candidate: unknown, joinWebUrl: unknown): boolean {
  if (typeof candidate !== 'string' || typeof joinWebUrl !== 'string') return false;
  if (candidate === joinWebUrl) return true;
  try {
    return decodeURIComponent(candidate) === joinWebUrl;
  } catch {
    return false;
  }
}

function listMeetings(context: RouteContext) {
  const raw = context.req.query.get('$filter');
  const clause = raw === null ? undefined : parseFilter(raw)?.[0];
  const property = clause?.property.toLowerCase();
  if (
    !clause ||
    clause.operator !== 'eq' ||
    (property !== 'joinweburl' && property !== 'joinmeetingidsettings/joinmeetingid')
  ) {
    throw badRequest(
      'BadRequest',
      "This request needs $filter=JoinWebUrl eq '{joinWebUrl}' (or joinMeetingIdSettings/joinMeetingId eq '{id}').",
    );
  }
  const select = parseSelect(context, MEETING);
  const found = visibleMeetings(context).filter((meeting) =>
    property === 'joinweburl'
      ? matchesUrl(clause.value, meeting.resource.joinWebUrl)
      : (meeting.resource.joinMeetingIdSettings as { joinMeetingId?: string } | undefined)
          ?.joinMeetingId === clause.value,
  );
  return collection(
    context,
    found.map((meeting) => applySelect(meeting.resource, select)),
    MEETING,
    'users/onlineMeetings',
  );
}

function findMeeting(context: RouteContext): OnlineMeetingRec {
  const id = context.params.meetingId!;
  const decoded = Buffer.from(id, 'base64').toString('utf8');
  if (!GRAPH_MEETING_ID.test(decoded)) {
    throw badRequest('BadRequest', 'Meeting Id is corrupted.');
  }
  const meeting = context.runtime.state.meetings.get(id);
  if (!meeting || !meeting.participantIds.includes(context.principal!.id)) {
    throw notFound('NotFound', `The online meeting '${id}' was not found.`);
  }
  return meeting;
}

function organizerOnly(context: RouteContext): OnlineMeetingRec {
  const meeting = findMeeting(context);
  if (meeting.organizerId !== context.principal!.id) {
    throw new GraphError(
      403,
      'Forbidden',
      'Only the organizer or a co-organizer of the meeting can read its attendance reports.',
    );
  }
  return meeting;
}

function getMeeting(context: RouteContext) {
  const meeting = findMeeting(context);
  const select = parseSelect(context, MEETING);
  return json(
    200,
    {
      '@odata.context': contextUrl(context, 'users/onlineMeetings/$entity'),
      ...applySelect(meeting.resource, select),
    },
    { type: MEETING },
  );
}

function findReport(context: RouteContext) {
  const meeting = organizerOnly(context);
  const report = meeting.reports.find(
    (candidate) => candidate.resource.id === context.params.reportId,
  );
  if (!report)
    throw notFound('NotFound', `The attendance report '${context.params.reportId}' was not found.`);
  return report;
}

export function meetingRoutes(): RouteDef[] {
  const base = '/{principal}/onlineMeetings';
  return [
    {
      method: 'GET',
      pattern: `${base}/{meetingId}/attendanceReports/{reportId}/attendanceRecords`,
      service: 'teams',
      query: ['$top', '$skiptoken'],
      handle: (context) =>
        collection(context, findReport(context).records, RECORD, 'attendanceRecords'),
    },
    {
      method: 'GET',
      pattern: `${base}/{meetingId}/attendanceReports/{reportId}`,
      service: 'teams',
      query: ['$expand'],
      handle(context) {
        const report = findReport(context);
        const expand = parseExpand(context, REPORT, ['attendanceRecords']);
        return json(
          200,
          {
            '@odata.context': contextUrl(context, 'attendanceReports/$entity'),
            ...report.resource,
            ...(expand.has('attendancerecords') ? { attendanceRecords: report.records } : {}),
          },
          { type: REPORT },
        );
      },
    },
    {
      method: 'GET',
      pattern: `${base}/{meetingId}/attendanceReports`,
      service: 'teams',
      query: ['$top', '$skiptoken'],
      handle(context) {
        const meeting = organizerOnly(context);
        const reports = meeting.reports.map((report) => ({
          ...report.resource,
          attendanceRecords: [],
        }));
        return collection(context, reports, REPORT, 'attendanceReports');
      },
    },
    {
      method: 'GET',
      pattern: `${base}/{meetingId}`,
      service: 'teams',
      query: ['$select'],
      handle: getMeeting,
    },
    {
      method: 'GET',
      pattern: base,
      service: 'teams',
      query: ['$filter', '$select', '$top', '$skiptoken'],
      handle: listMeetings,
    },
  ];
}
