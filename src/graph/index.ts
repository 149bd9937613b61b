/**
 * The public edge of src/graph: `GraphGateway`, which the publisher uses for everything it does in
 * Microsoft 365, each call made with the identity its permission allows (see
 * docs/permissions.md):
 *
 * - `delegated`: the signed-in secretary (OBO token): meeting, calendar, chat, mail; and drive,
 *   lists and Planner unless `filesAsApplication` / `plannerAsApplication` say otherwise;
 * - `application`: the app itself (client credentials): To Do for other people (required), and
 *   optionally drive/lists (Sites.Selected) and Planner (Tasks.ReadWrite.All).
 *
 * In local mode both are clients of the sandbox with a static token.
 *
 * Permissions: the union of the resource modules'; this file makes no request of its own.
 */
import { sendBatch, type BatchRequest, type BatchResult } from './batch';
import type { GraphClient } from './createGraphClient';
import * as attendance from './attendanceReports';
import * as calendar from './calendar';
import * as chat from './chat';
import * as drive from './drive';
import * as lists from './lists';
import * as mail from './mail';
import * as meetings from './onlineMeetings';
import * as planner from './planner';
import * as todo from './todo';
import type { GraphUser } from './userPath';

export interface GraphGatewayClients {
  delegated: GraphClient;
  /** Needed for To Do; also for the library, lists and Planner when the flags below say so. */
  application?: GraphClient;
  /** Use the application client for drive and lists (Sites.Selected granted). Default: false. */
  filesAsApplication?: boolean;
  /** Use the application client for Planner (Tasks.ReadWrite.All). Default: false. */
  plannerAsApplication?: boolean;
}

type Rest<F> = F extends (client: GraphClient, ...rest: infer R) => infer T
  ? (...rest: R) => T
  : never;

function bind<F extends (client: GraphClient, ...rest: never[]) => unknown>(
  client: () => GraphClient,
  fn: F,
): Rest<F> {
  return ((...rest: never[]) => fn(client(), ...rest)) as Rest<F>;
}

export class GraphGateway {
  readonly meetings;
  readonly attendance;
  readonly calendar;
  readonly chat;
  readonly mail;
  readonly drive;
  readonly lists;
  readonly planner;
  readonly todo;

  constructor(private readonly clients: GraphGatewayClients) {
    const delegated = (): GraphClient => clients.delegated;
    const application = (): GraphClient => {
      if (!clients.application) {
        throw new Error(
          "This needs Minutebook's application permission (To Do for other people: Tasks.ReadWrite.All). Configure the app registration's client secret or certificate, and have an administrator grant consent (docs/permissions.md).",
        );
      }
      return clients.application;
    };
    const files = (): GraphClient => (clients.filesAsApplication ? application() : delegated());
    const tasks = (): GraphClient => (clients.plannerAsApplication ? application() : delegated());
    // Reading another organizer's artifacts needs the application client; the secretary's own, delegated.
    const forUser = (user: GraphUser): GraphClient => (user === 'me' ? delegated() : application());

    this.meetings = {
      findByJoinUrl: bind(delegated, meetings.findOnlineMeetingByJoinUrl),
      getChat: bind(delegated, meetings.getMeetingChat),
      resolveFromChat: bind(delegated, meetings.resolveMeetingFromChat),
      pickOccurrence: meetings.pickOccurrence,
    };
    this.attendance = {
      forMeeting: (
        organizer: GraphUser,
        meetingId: string,
        options?: attendance.AttendanceOptions,
      ) => attendance.getMeetingAttendance(forUser(organizer), organizer, meetingId, options),
    };
    this.calendar = {
      findMeetingEvents: (organizer: GraphUser, input: calendar.FindMeetingEventsInput) =>
        calendar.findMeetingEvents(forUser(organizer), organizer, input),
      peopleInvited: calendar.peopleInvited,
    };
    this.chat = {
      post: bind(delegated, chat.postChatMessage),
      listRecent: bind(delegated, chat.listRecentChatMessages),
      findByMarker: bind(delegated, chat.findChatMessageByMarker),
    };
    this.mail = {
      createDraft: (input: mail.MinutesMailInput) =>
        mail.createMinutesDraft(delegated(), 'me', input),
      sendDraft: (draftId: string, options?: { signal?: AbortSignal }) =>
        mail.sendDraft(delegated(), 'me', draftId, options),
      reconcile: (input: { draftId?: string; key: string; signal?: AbortSignal }) =>
        mail.reconcileMinutesMail(delegated(), 'me', input),
    };
    this.drive = {
      uploadMinutes: bind(files, drive.uploadMinutesFile),
      getByPath: bind(files, drive.getDriveItemByPath),
      setFields: bind(files, drive.setLibraryFields),
      listVersions: bind(files, drive.listVersions),
    };
    this.lists = {
      findByActionId: bind(files, lists.findRowByActionId),
      create: bind(files, lists.createRow),
      updateFields: bind(files, lists.updateRowFields),
    };
    this.planner = {
      listTasks: bind(tasks, planner.listPlanTasks),
      findByActionId: planner.findTaskByActionId,
      create: bind(tasks, planner.createPlannerTask),
      update: bind(tasks, planner.updatePlannerTask),
      getDetails: bind(tasks, planner.getTaskDetails),
      updateDetails: bind(tasks, planner.updateTaskDetails),
    };
    this.todo = {
      defaultList: bind(application, todo.getDefaultTodoList),
      create: bind(application, todo.createTodoTask),
      update: bind(application, todo.updateTodoTask),
      findByKey: bind(application, todo.findTodoTaskByKey),
    };
  }

  /** Independent delegated requests in as few round trips as $batch allows. */
  batch(
    requests: readonly BatchRequest[],
    options?: { signal?: AbortSignal },
  ): Promise<BatchResult[]> {
    return sendBatch(this.clients.delegated, requests, options);
  }

  /** HTTP round trips made so far, by both clients (for the benchmark). */
  get roundTrips(): number {
    const { delegated, application } = this.clients;
    return (
      delegated.stats.roundTrips +
      (application && application !== delegated ? application.stats.roundTrips : 0)
    );
  }
}

export { GraphRequestError, type GraphErrorKind } from './GraphRequestError';
export { GraphConsentRequiredError } from './auth';
export {
  applicationTokenProvider,
  createConfidentialClient,
  onBehalfOfTokenProvider,
  staticToken,
  GRAPH_DELEGATED_SCOPES,
  type TokenProvider,
} from './auth';
export {
  createGraphClient,
  DEFAULT_GRAPH_BASE_URL,
  type GraphClient,
  type GraphClientOptions,
} from './createGraphClient';
export type { BatchRequest, BatchResult } from './batch';
export type { GraphUser } from './userPath';
export type { AttendanceSession, AttendanceRecord, AttendanceReport } from './attendanceReports';
export type { CalendarEvent, Invitee } from './calendar';
export type { ChatMessage } from './chat';
export type { MailState, MailDraft, MinutesMailInput } from './mail';
export type { DriveItem, DriveItemVersion } from './drive';
export type { ListRef, ListRow } from './lists';
export type { PlannerTask, PlannerTaskDetails } from './planner';
export type { TodoTask, TodoList, DateTimeTimeZone } from './todo';
export type { OnlineMeeting, MeetingChat } from './onlineMeetings';
