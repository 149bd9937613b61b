/**
 * The people in the attendance reports. Teams lists one record a session, and a rejoin can carry
 * a different display name, so records are merged by identity id, else e-mail, else name before
 * anyone is matched to the meeting's people.
 */
import { mergeSpans, type TimeSpan } from '../agendaTimeline';
import { compareText } from './compareText';
import { cleanDisplayName, emailDomain, nameKey, normalizeEmail } from './personIdentity';
import type {
  ReconcileAttendanceInput,
  ReportedInterval,
  ReportedSession,
} from './reconcileAttendanceInput';

/** One person as the reports show them, over every session and rejoin. */
export interface ReportedPerson {
  key: string;
  records: number;
  sessions: Set<string>;
  userIds: string[];
  emails: string[];
  tenantIds: string[];
  displayNames: string[];
  roles: string[];
  spans: TimeSpan[];
  timesHidden: boolean;
  external: boolean | null;
}

export function groupRecords(
  reports: readonly ReportedSession[],
  endMs: number,
  tenant: ReconcileAttendanceInput['tenant'],
): ReportedPerson[] {
  const entries = reports.flatMap(({ report, records }) => {
    const sessionEnd = Date.parse(report.meetingEndDateTime ?? '');
    return records.map((record) => {
      const userId = record.userId?.trim().toLowerCase() || null;
      const email = record.emailAddress?.trim() ? normalizeEmail(record.emailAddress) : null;
      const displayName = record.displayName?.trim() ? cleanDisplayName(record.displayName) : null;
      const keys = [userId && `id:${userId}`, email && `email:${email}`].filter(
        (key): key is string => Boolean(key),
      );
      if (keys.length === 0) keys.push(`name:${displayName ? nameKey(displayName) : record.id}`);
      const spans = record.intervals
        .map((interval) =>
          intervalSpan(interval, Number.isFinite(sessionEnd) ? Math.min(sessionEnd, endMs) : endMs),
        )
        .filter((span): span is TimeSpan => span !== null);
      return { reportId: report.id, record, userId, email, displayName, keys, spans };
    });
  });

  // Union by shared keys: the same id or e-mail address in any session is the same person.
  const parent = entries.map((_, index) => index);
  const find = (index: number): number => {
    let root = index;
    while (parent[root] !== root) root = parent[root] as number;
    return root;
  };
  const owner = new Map<string, number>();
  entries.forEach((entry, index) => {
    for (const key of entry.keys) {
      const other = owner.get(key);
      if (other === undefined) owner.set(key, index);
      else parent[find(index)] = find(other);
    }
  });

  const groups = new Map<number, ReportedPerson>();
  entries.forEach((entry, index) => {
    const root = find(index);
    const group = groups.get(root) ?? {
      key: entries[root]?.keys[0] ?? entry.keys[0] ?? entry.record.id,
      records: 0,
      sessions: new Set<string>(),
      userIds: [],
      emails: [],
      tenantIds: [],
      displayNames: [],
      roles: [],
      spans: [],
      timesHidden: true,
      external: null,
    };
    group.records += 1;
    group.sessions.add(entry.reportId);
    addUnique(group.userIds, entry.userId);
    addUnique(group.emails, entry.email);
    addUnique(group.tenantIds, entry.record.tenantId?.trim().toLowerCase() || null);
    addUnique(group.displayNames, entry.displayName);
    addUnique(group.roles, entry.record.role);
    group.spans.push(...entry.spans);
    if (entry.spans.length > 0) group.timesHidden = false;
    groups.set(root, group);
  });
  // Whatever order the reports list records in, the same person comes out the same.
  const keysOf = new Map<number, string[]>();
  entries.forEach((entry, index) => {
    const root = find(index);
    keysOf.set(root, [...(keysOf.get(root) ?? []), ...entry.keys]);
  });
  for (const [root, group] of groups) {
    const keys = keysOf.get(root) ?? [];
    group.key = keys.sort((a, b) => keyRank(a) - keyRank(b) || compareText(a, b))[0] ?? group.key;
    group.spans = mergeSpans(group.spans);
    for (const list of [group.userIds, group.emails, group.tenantIds, group.roles]) list.sort();
    group.displayNames.sort(compareText);
    group.external = isExternal(group, tenant);
  }
  return [...groups.values()].sort((a, b) => compareText(a.key, b.key));
}

/** Merges the groups that matched the same meeting person (say, a work and a personal address). */
export function mergeReported(groups: ReportedPerson[]): ReportedPerson {
  const [first, ...rest] = groups as [ReportedPerson, ...ReportedPerson[]];
  const merged: ReportedPerson = {
    ...first,
    sessions: new Set(first.sessions),
    userIds: [...first.userIds],
    emails: [...first.emails],
    tenantIds: [...first.tenantIds],
    displayNames: [...first.displayNames],
    roles: [...first.roles],
    spans: [...first.spans],
  };
  for (const group of rest) {
    merged.records += group.records;
    group.sessions.forEach((session) => merged.sessions.add(session));
    group.userIds.forEach((value) => addUnique(merged.userIds, value));
    group.emails.forEach((value) => addUnique(merged.emails, value));
    group.tenantIds.forEach((value) => addUnique(merged.tenantIds, value));
    group.displayNames.forEach((value) => addUnique(merged.displayNames, value));
    group.roles.forEach((value) => addUnique(merged.roles, value));
    merged.spans.push(...group.spans);
    merged.timesHidden = merged.timesHidden && group.timesHidden;
    if (group.external === false || merged.external === false) merged.external = false;
    else if (group.external === true) merged.external = true;
  }
  merged.spans = mergeSpans(merged.spans);
  for (const list of [merged.userIds, merged.emails, merged.tenantIds, merged.roles]) list.sort();
  merged.displayNames.sort(compareText);
  return merged;
}

function isExternal(
  group: ReportedPerson,
  tenant: ReconcileAttendanceInput['tenant'],
): boolean | null {
  const tenantId = tenant?.id?.trim().toLowerCase();
  if (tenantId && group.tenantIds.length > 0) return !group.tenantIds.includes(tenantId);
  const domains = (tenant?.domains ?? []).map((domain) => domain.toLowerCase());
  if (domains.length > 0 && group.emails.length > 0) {
    return !group.emails.some((email) => {
      const domain = emailDomain(email);
      return domain !== null && domains.some((d) => domain === d || domain.endsWith(`.${d}`));
    });
  }
  // Neither a directory id nor an e-mail address: an anonymous guest or a phone caller.
  if (group.userIds.length === 0 && group.emails.length === 0) return true;
  return null;
}

function intervalSpan(interval: ReportedInterval, openEnd: number): TimeSpan | null {
  const duration =
    interval.durationInSeconds !== null && interval.durationInSeconds >= 0
      ? interval.durationInSeconds * 1000
      : null;
  let start = Date.parse(interval.joinDateTime ?? '');
  let end = Date.parse(interval.leaveDateTime ?? '');
  if (!Number.isFinite(start) && Number.isFinite(end) && duration !== null) start = end - duration;
  if (!Number.isFinite(start)) return null;
  // No leave time: still in the meeting when the report was made.
  if (!Number.isFinite(end)) end = duration !== null ? start + duration : Math.max(start, openEnd);
  return end > start ? { start, end } : null;
}

function keyRank(key: string): number {
  return key.startsWith('id:') ? 0 : key.startsWith('email:') ? 1 : 2;
}

function addUnique<T>(list: T[], value: T | null | undefined): void {
  if (value !== null && value !== undefined && value !== '' && !list.includes(value))
    list.push(value);
}
