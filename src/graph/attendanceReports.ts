/**
 * Attendance of an online meeting: every report (Teams makes one per session: a recurring or
 * re-joined meeting has several) and every record of each, with join/leave intervals.
 *
 *   GET {user}/onlineMeetings/{id}/attendanceReports                       (paged)
 *   GET {user}/onlineMeetings/{id}/attendanceReports/{rid}/attendanceRecords (paged)
 *
 * The first page of every report's records is fetched in one $batch; further pages follow
 * `@odata.nextLink`. Policy can hide people or intervals: treat what is missing as unknown.
 *
 * Permissions: OnlineMeetingArtifact.Read.All, delegated or application (nothing narrower
 * exists; OnlineMeetings.* is not enough). Only the organizer or a co-organizer may read reports:
 * delegated as the organizer (`/me`), or application against `/users/{organizerId}` with an
 * application access policy. Channel meetings are not supported by Graph.
 */
import { batchItemBody, sendBatch } from './batch';
import { segment, type GraphClient } from './createGraphClient';
import { collectPages } from './paging';
import { collectionPage, list, optNum, optRecord, optStr, parseValue, record, str } from './parse';
import { userPath, type GraphUser } from './userPath';

export interface AttendanceReport {
  id: string;
  meetingStartDateTime: string | null;
  meetingEndDateTime: string | null;
  totalParticipantCount: number | null;
}

export interface AttendanceInterval {
  joinDateTime: string | null;
  leaveDateTime: string | null;
  durationInSeconds: number | null;
}

export interface AttendanceRecord {
  id: string;
  /** Null for anonymous and phone participants. */
  emailAddress: string | null;
  /** Entra object id when the participant is a user of a tenant. */
  userId: string | null;
  tenantId: string | null;
  displayName: string | null;
  role: string | null;
  totalAttendanceInSeconds: number | null;
  intervals: AttendanceInterval[];
}

export interface AttendanceSession {
  report: AttendanceReport;
  records: AttendanceRecord[];
}

export interface AttendanceOptions {
  signal?: AbortSignal;
  maxPages?: number;
}

export function listAttendanceReports(
  client: GraphClient,
  organizer: GraphUser,
  meetingId: string,
  options: AttendanceOptions = {},
): Promise<AttendanceReport[]> {
  return collectPages(client, reportsPath(organizer, meetingId), parseAttendanceReport, options);
}

export function listAttendanceRecords(
  client: GraphClient,
  organizer: GraphUser,
  meetingId: string,
  reportId: string,
  options: AttendanceOptions = {},
): Promise<AttendanceRecord[]> {
  return collectPages(
    client,
    recordsPath(organizer, meetingId, reportId),
    parseAttendanceRecord,
    options,
  );
}

/** Every session of the meeting with all its records, oldest session first. */
export async function getMeetingAttendance(
  client: GraphClient,
  organizer: GraphUser,
  meetingId: string,
  options: AttendanceOptions = {},
): Promise<AttendanceSession[]> {
  const reports = await listAttendanceReports(client, organizer, meetingId, options);
  const firstPages = await sendBatch(
    client,
    reports.map((report) => ({
      method: 'GET' as const,
      url: recordsPath(organizer, meetingId, report.id),
    })),
    options.signal ? { signal: options.signal } : {},
  );
  const sessions: AttendanceSession[] = [];
  for (const [index, report] of reports.entries()) {
    const label = `GET ${recordsPath(organizer, meetingId, report.id)}`;
    const body = batchItemBody(firstPages[index] as (typeof firstPages)[number], label);
    const page = parseValue(body, label, (value) => {
      const parsed = collectionPage(value);
      return { value: parsed.value.map(parseAttendanceRecord), nextLink: parsed.nextLink };
    });
    const rest = page.nextLink
      ? await collectPages(client, page.nextLink, parseAttendanceRecord, options)
      : [];
    sessions.push({ report, records: [...page.value, ...rest] });
  }
  return sessions.sort(
    (a, b) =>
      Date.parse(a.report.meetingStartDateTime ?? '') -
      Date.parse(b.report.meetingStartDateTime ?? ''),
  );
}

function reportsPath(organizer: GraphUser, meetingId: string): string {
  return `${userPath(organizer)}/onlineMeetings/${segment(meetingId)}/attendanceReports`;
}

function recordsPath(organizer: GraphUser, meetingId: string, reportId: string): string {
  return `${reportsPath(organizer, meetingId)}/${segment(reportId)}/attendanceRecords`;
}

export function parseAttendanceReport(value: unknown): AttendanceReport {
  const report = record(value, 'meetingAttendanceReport');
  return {
    id: str(report, 'id', 'meetingAttendanceReport'),
    meetingStartDateTime: optStr(report, 'meetingStartDateTime', 'meetingAttendanceReport'),
    meetingEndDateTime: optStr(report, 'meetingEndDateTime', 'meetingAttendanceReport'),
    totalParticipantCount: optNum(report, 'totalParticipantCount', 'meetingAttendanceReport'),
  };
}

export function parseAttendanceRecord(value: unknown): AttendanceRecord {
  const item = record(value, 'attendanceRecord');
  const identity = optRecord(item.identity, 'attendanceRecord.identity');
  return {
    id: str(item, 'id', 'attendanceRecord'),
    emailAddress: optStr(item, 'emailAddress', 'attendanceRecord'),
    userId: identity ? optStr(identity, 'id', 'attendanceRecord.identity') : null,
    tenantId: identity ? optStr(identity, 'tenantId', 'attendanceRecord.identity') : null,
    displayName: identity ? optStr(identity, 'displayName', 'attendanceRecord.identity') : null,
    role: optStr(item, 'role', 'attendanceRecord'),
    totalAttendanceInSeconds: optNum(item, 'totalAttendanceInSeconds', 'attendanceRecord'),
    intervals: list(item, 'attendanceIntervals', 'attendanceRecord').map((entry) => {
      const interval = record(entry, 'attendanceInterval');
      return {
        joinDateTime: optStr(interval, 'joinDateTime', 'attendanceInterval'),
        leaveDateTime: optStr(interval, 'leaveDateTime', 'attendanceInterval'),
        durationInSeconds: optNum(interval, 'durationInSeconds', 'attendanceInterval'),
      };
    }),
  };
}
