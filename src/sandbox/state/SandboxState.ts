/**
 * The sandbox tenant, in memory. Resources are kept close to their Graph shape (`resource`
 * objects are what GET returns, minus per-request annotations); bytes and bookkeeping that Graph
 * does not show sit beside them. `clearState` empties it in place so references stay valid.
 */

export type GraphObject = Record<string, unknown>;

export interface SandboxUser {
  id: string;
  displayName: string;
  mail: string;
  userPrincipalName: string;
  jobTitle?: string;
}

export interface AttendanceReportRec {
  resource: GraphObject;
  records: GraphObject[];
}

export interface OnlineMeetingRec {
  organizerId: string;
  /** Users who may read the meeting by id (organizer and invitees). */
  participantIds: string[];
  resource: GraphObject;
  reports: AttendanceReportRec[];
}

export interface ChatRec {
  resource: GraphObject;
  /** Oldest first; Graph lists them newest first. */
  messages: GraphObject[];
}

export interface EventRec {
  ownerId: string;
  resource: GraphObject;
  start: Date;
  end: Date;
}

export interface MailAttachmentRec {
  id: string;
  name: string;
  contentType: string;
  isInline: boolean;
  bytes: Buffer;
  lastModifiedDateTime: string;
}

export interface MailMessageRec {
  id: string;
  ownerId: string;
  folder: 'drafts' | 'sentitems';
  resource: GraphObject;
  attachments: MailAttachmentRec[];
}

/** What left the mailbox: kept even when `saveToSentItems` is false, for the inspector. */
export interface DeliveredMailRec {
  internetMessageId: string;
  fromUserId: string;
  via: 'sendMail' | 'draft';
  sentDateTime: string;
  subject: string;
  bodyContentType: string;
  bodyContent: string;
  toRecipients: string[];
  ccRecipients: string[];
  bccRecipients: string[];
  attachments: { name: string; contentType: string; size: number }[];
  savedToSentItems: boolean;
}

export type ColumnType = 'text' | 'note' | 'number' | 'dateTime' | 'boolean' | 'choice';

export interface ColumnDef {
  name: string;
  type: ColumnType;
  choices?: string[];
  indexed: boolean;
  readOnly?: boolean;
}

export interface DriveItemVersionRec {
  id: string;
  bytes: Buffer;
  lastModifiedDateTime: string;
  lastModifiedById: string;
}

export interface DriveItemRec {
  id: string;
  driveId: string;
  name: string;
  /** The parent folder's path from the root, '' for the root itself ("Minutes/2025"). */
  parentPath: string;
  isFolder: boolean;
  createdDateTime: string;
  createdById: string;
  /** Oldest first; the last one is the current content. */
  versions: DriveItemVersionRec[];
  uniqueId: string;
  listItemId: string;
  fields: GraphObject;
  /** Bumped on every change; part of eTag and cTag. */
  revision: number;
}

export interface DriveRec {
  id: string;
  siteId: string;
  name: string;
  /** The document library's list id. */
  listId: string;
  webUrl: string;
  columns: ColumnDef[];
  items: Map<string, DriveItemRec>;
  nextListItemId: number;
}

export interface ListItemRec {
  id: string;
  uniqueId: string;
  fields: GraphObject;
  createdDateTime: string;
  lastModifiedDateTime: string;
  createdById: string;
  lastModifiedById: string;
  version: number;
}

export interface ListRec {
  id: string;
  siteId: string;
  displayName: string;
  webUrl: string;
  columns: ColumnDef[];
  items: Map<string, ListItemRec>;
  nextItemId: number;
  /** Set once the list has moved its numbering past what a previous run may have issued. */
  numberingMoved?: boolean;
}

export interface SiteRec {
  id: string;
  displayName: string;
  webUrl: string;
}

export interface PlanRec {
  resource: GraphObject;
  buckets: GraphObject[];
}

export interface PlannerTaskRec {
  resource: GraphObject;
  etag: string;
  details: GraphObject;
  detailsEtag: string;
}

export interface TodoTaskRec {
  resource: GraphObject;
  linkedResources: GraphObject[];
  etag: string;
}

export interface TodoListRec {
  ownerId: string;
  resource: GraphObject;
  etag: string;
  tasks: Map<string, TodoTaskRec>;
}

interface UploadSessionBase {
  id: string;
  token: string;
  ownerId: string;
  expiresAt: Date;
  received: Buffer[];
  receivedBytes: number;
}

export interface DriveUploadSessionRec extends UploadSessionBase {
  kind: 'drive';
  driveId: string;
  parentPath: string;
  name: string;
  conflictBehavior: 'fail' | 'replace' | 'rename';
  declaredSize?: number;
  /** Set by the first fragment's Content-Range when the item did not declare fileSize. */
  totalSize?: number;
  deferCommit: boolean;
  /** All bytes arrived but deferCommit waits for the explicit POST. */
  awaitingCommit: boolean;
}

export interface MailUploadSessionRec extends UploadSessionBase {
  kind: 'mail';
  messageId: string;
  name: string;
  size: number;
  contentType: string;
  isInline: boolean;
}

export type UploadSessionRec = DriveUploadSessionRec | MailUploadSessionRec;

export interface SandboxState {
  tenantId: string;
  users: Map<string, SandboxUser>;
  meetings: Map<string, OnlineMeetingRec>;
  chats: Map<string, ChatRec>;
  events: EventRec[];
  messages: Map<string, MailMessageRec>;
  deliveredMail: DeliveredMailRec[];
  sites: Map<string, SiteRec>;
  drives: Map<string, DriveRec>;
  lists: Map<string, ListRec>;
  plans: Map<string, PlanRec>;
  plannerTasks: Map<string, PlannerTaskRec>;
  todoLists: Map<string, TodoListRec>;
  uploadSessions: Map<string, UploadSessionRec>;
  seq: { etag: number; chatMessage: number };
}

export function createEmptyState(): SandboxState {
  return {
    tenantId: '00000000-0000-0000-0000-000000000000',
    users: new Map(),
    meetings: new Map(),
    chats: new Map(),
    events: [],
    messages: new Map(),
    deliveredMail: [],
    sites: new Map(),
    drives: new Map(),
    lists: new Map(),
    plans: new Map(),
    plannerTasks: new Map(),
    todoLists: new Map(),
    uploadSessions: new Map(),
    seq: { etag: 0, chatMessage: 0 },
  };
}

/** Empties every collection in place, so holders of `state` see the reset. */
export function clearState(state: SandboxState): void {
  const empty = createEmptyState();
  for (const key of Object.keys(empty) as (keyof SandboxState)[]) {
    (state as unknown as Record<string, unknown>)[key] = empty[key];
  }
}

export function findUser(state: SandboxState, idOrUpn: string): SandboxUser | undefined {
  const direct = state.users.get(idOrUpn);
  if (direct) return direct;
  const lower = idOrUpn.toLowerCase();
  for (const user of state.users.values()) {
    if (user.mail.toLowerCase() === lower || user.userPrincipalName.toLowerCase() === lower) {
      return user;
    }
  }
  return undefined;
}

export function identityOf(user: SandboxUser): GraphObject {
  return { id: user.id, displayName: user.displayName };
}
