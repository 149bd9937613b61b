/**
 * Proposals from Microsoft 365 for the post-meeting page, never changes: the Teams attendance
 * reports reconciled with the attendance the secretary captured (reconcileAttendance), and
 * apologies from the invitation's declines on the organiser's calendar (proposeApologies). The
 * secretary accepts a proposal by submitting its ops like any other change.
 *
 * The Teams meeting is found from the meeting's `teamsJoinUrl` (or its chat's, from
 * `teamsChatId`): GET /me/onlineMeetings?$filter=JoinWebUrl eq '…'. Reports are read as the
 * caller, who must be the organiser or a co-organiser (Graph refuses anyone else). Proposals are
 * for note-takers and owners, who can accept them.
 */
import type {
  ApologyProposalsResponse,
  AttendanceProposalsResponse,
  TeamsMeetingRef,
} from '../contract/graphApi';
import {
  deterministicUuid,
  proposeApologies,
  reconcileAttendance,
  type MeetingView,
} from '../domain';
import type { OnlineMeeting } from '../graph';
import type { PublishGraph } from '../publish';
import type { GraphAccess, GraphCaller } from './GraphAccess';
import { HttpError } from './httpErrors';
import type { MeetingService } from './MeetingService';

/** Reports of a recurring meeting's other sessions are left out: only those near this one count. */
const SESSION_WINDOW_MS = 6 * 3_600_000;

export class ProposalService {
  constructor(
    private readonly meetings: MeetingService,
    private readonly graphAccess: GraphAccess,
    private readonly now: () => Date,
  ) {}

  async attendance(caller: GraphCaller, meetingId: string): Promise<AttendanceProposalsResponse> {
    const { view, committee, state } = await this.meetings.context(
      caller.identity,
      meetingId,
      'proposals.read',
    );
    const graph = await this.graphAccess.graphFor(caller);
    const online = await findTeamsMeeting(graph, view);
    const sessions = await graph.gateway.attendance.forMeeting('me', online.id);
    const window = scheduledWindow(view, online);
    const reports = window
      ? sessions.filter(({ report }) => {
          const start = Date.parse(report.meetingStartDateTime ?? '');
          return Number.isNaN(start) || (start >= window.from && start <= window.to);
        })
      : sessions;
    const times = meetingTimes(view, online, reports);
    let next = 0;
    const reconciliation = reconcileAttendance({
      view,
      committee,
      reports,
      meetingStart: times.start,
      meetingEnd: times.end,
      now: this.now().toISOString(),
      // Stable across requests for the same reports, so accepting a proposal twice adds one person.
      newId: () => deterministicUuid(`${meetingId}/attendance-proposal/${next++}`),
      meetingPeople: [...state.meetingMembers.values(), ...state.participants.values()].map(
        (person) => ({ id: person.id, email: person.email }),
      ),
      tenant: { id: this.graphAccess.tenantIdFor(caller) },
    });
    if (reports.length < sessions.length) {
      reconciliation.warnings.push(
        `${sessions.length - reports.length} attendance report(s) of other sessions of this Teams meeting were left out.`,
      );
    }
    return {
      ...reconciliation,
      teamsMeeting: teamsMeetingRef(online),
      generatedAt: this.now().toISOString(),
    };
  }

  async apologies(caller: GraphCaller, meetingId: string): Promise<ApologyProposalsResponse> {
    const { view, committee } = await this.meetings.context(
      caller.identity,
      meetingId,
      'proposals.read',
    );
    const graph = await this.graphAccess.graphFor(caller);
    const online = await findTeamsMeeting(graph, view);
    const times = meetingTimes(view, online, []);
    const events = await graph.gateway.calendar.findMeetingEvents('me', {
      joinWebUrl: online.joinWebUrl,
      start: new Date(times.start),
      end: new Date(times.end),
    });
    const proposals = proposeApologies({
      view,
      committee,
      events,
      joinUrl: online.joinWebUrl,
      meetingStart: times.start,
    });
    const organizerId = online.organizer?.id ?? null;
    if (
      this.graphAccess.mode === 'graph' &&
      organizerId &&
      organizerId !== caller.identity.userId
    ) {
      proposals.warnings.push(
        "You are not the meeting's organiser: the answers come from your copy of the invitation, which may not show everyone's.",
      );
    }
    return {
      ...proposals,
      teamsMeeting: teamsMeetingRef(online),
      generatedAt: this.now().toISOString(),
    };
  }
}

/** The meeting's Teams meeting, from its join URL or its meeting chat. */
async function findTeamsMeeting(graph: PublishGraph, view: MeetingView): Promise<OnlineMeeting> {
  const { teamsJoinUrl, teamsChatId, reference } = view.meeting;
  let joinUrl = teamsJoinUrl;
  if (!joinUrl && teamsChatId) {
    const chat = await graph.gateway.meetings.getChat(teamsChatId);
    if (!chat) {
      throw new HttpError(
        409,
        'no_teams_meeting',
        `The Teams chat of meeting ${reference} is not a meeting chat, so there is no attendance report or invitation to read; link the meeting to its Teams meeting (teamsJoinUrl).`,
      );
    }
    joinUrl = chat.joinWebUrl;
  }
  if (!joinUrl) {
    throw new HttpError(
      409,
      'no_teams_meeting',
      `Meeting ${reference} is not linked to a Teams meeting; add Minutebook to the Teams meeting, or set the meeting's teamsJoinUrl, then try again.`,
    );
  }
  const online = await graph.gateway.meetings.findByJoinUrl('me', joinUrl);
  if (!online) {
    throw new HttpError(
      404,
      'teams_meeting_not_found',
      `Microsoft 365 has no Teams meeting with the join link of meeting ${reference} that you can see; check the link, or ask the meeting's organiser.`,
    );
  }
  return online;
}

function teamsMeetingRef(online: OnlineMeeting): TeamsMeetingRef {
  return {
    joinWebUrl: online.joinWebUrl,
    subject: online.subject,
    startDateTime: online.startDateTime,
    endDateTime: online.endDateTime,
    organizer: online.organizer
      ? { id: online.organizer.id, name: online.organizer.displayName }
      : null,
  };
}

function scheduledWindow(
  view: MeetingView,
  online: OnlineMeeting,
): { from: number; to: number } | null {
  const start = Date.parse(
    view.meeting.startsAt ?? view.meeting.date ?? online.startDateTime ?? '',
  );
  if (Number.isNaN(start)) return null;
  const end = Date.parse(view.meeting.endsAt ?? '');
  return {
    from: start - SESSION_WINDOW_MS,
    to: (Number.isNaN(end) ? start + 24 * 3_600_000 : end) + SESSION_WINDOW_MS,
  };
}

/** The meeting's actual times from its reports, else its scheduled times, else Teams'. */
function meetingTimes(
  view: MeetingView,
  online: OnlineMeeting,
  reports: readonly {
    report: { meetingStartDateTime: string | null; meetingEndDateTime: string | null };
  }[],
): { start: string; end: string } {
  const instants = (values: (string | null)[]) =>
    values.map((value) => Date.parse(value ?? '')).filter((value) => !Number.isNaN(value));
  const starts = instants(reports.map(({ report }) => report.meetingStartDateTime));
  const ends = instants(reports.map(({ report }) => report.meetingEndDateTime));
  const start =
    starts.length > 0
      ? new Date(Math.min(...starts)).toISOString()
      : (view.meeting.startsAt ?? online.startDateTime);
  const end =
    ends.length > 0
      ? new Date(Math.max(...ends)).toISOString()
      : (view.meeting.endsAt ?? online.endDateTime);
  if (!start || !end) {
    throw new HttpError(
      409,
      'meeting_times_unknown',
      `Meeting ${view.meeting.reference} has no start and end time, and neither has its Teams meeting; set the meeting's times, then try again.`,
    );
  }
  return { start, end };
}
