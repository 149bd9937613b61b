/**
 * Where Minutebook publishes: a SharePoint site with a document library (columns for the minutes'
 * metadata) and an "Action Register" list, a Planner plan with two buckets, and To Do lists for
 * every user ("Tasks" is the default list, as in todotasklist.md).
 */
import type { IdFactory } from '../core/ids';
import type {
  ColumnDef,
  GraphObject,
  ListItemRec,
  SandboxState,
  SandboxUser,
} from './SandboxState';

export const LIBRARY_COLUMNS: ColumnDef[] = [
  { name: 'Title', type: 'text', indexed: false },
  { name: 'MeetingReference', type: 'text', indexed: true },
  { name: 'MeetingDate', type: 'dateTime', indexed: false },
  { name: 'Committee', type: 'text', indexed: false },
  {
    name: 'MinutesStatus',
    type: 'choice',
    choices: ['Draft', 'Final', 'Published'],
    indexed: false,
  },
  {
    name: 'Classification',
    type: 'choice',
    choices: ['White', 'Green', 'Amber', 'Red'],
    indexed: false,
  },
];

export const ACTION_COLUMNS: ColumnDef[] = [
  { name: 'Title', type: 'text', indexed: false },
  { name: 'ActionId', type: 'text', indexed: false },
  { name: 'ActionText', type: 'note', indexed: false },
  { name: 'Owner', type: 'text', indexed: false },
  { name: 'DateRaised', type: 'dateTime', indexed: false },
  { name: 'TargetDate', type: 'dateTime', indexed: false },
  { name: 'RevisedTargetDate', type: 'dateTime', indexed: false },
  { name: 'Status', type: 'choice', choices: ['Open', 'Closed', 'Withdrawn'], indexed: false },
  { name: 'MeetingReference', type: 'text', indexed: true },
  { name: 'LatestUpdate', type: 'note', indexed: false },
  // Minutebook's own key of the row (its tenant, meeting and action): how it finds its rows.
  { name: 'MinutebookKey', type: 'text', indexed: true },
];

const HOST = 'minutebook.sharepoint.com';

export function seedWork(state: SandboxState, ids: IdFactory, users: SandboxUser[]) {
  const organizer = users[0]!;
  const siteGuid = ids.guid();
  const webGuid = ids.guid();
  const siteId = `${HOST},${siteGuid},${webGuid}`;
  const siteUrl = `https://${HOST}/sites/OperationsGroup`;
  state.sites.set(siteId, { id: siteId, displayName: 'Operations Group', webUrl: siteUrl });

  const driveId = `b!${ids.opaque(48)}`;
  const libraryListId = ids.guid();
  state.drives.set(driveId, {
    id: driveId,
    siteId,
    name: 'Documents',
    listId: libraryListId,
    webUrl: `${siteUrl}/Shared%20Documents`,
    columns: LIBRARY_COLUMNS,
    items: new Map(),
    nextListItemId: 1,
  });

  const actionListId = ids.guid();
  const list = {
    id: actionListId,
    siteId,
    displayName: 'Action Register',
    webUrl: `${siteUrl}/Lists/Action%20Register`,
    columns: ACTION_COLUMNS,
    items: new Map<string, ListItemRec>(),
    nextItemId: 1,
  };
  const earlier: [string, string, string, string][] = [
    ['OPSG 39/07', 'The CDS to publish the revised release schedule.', 'CDS', 'Open'],
    ['OPSG 38x/03', 'The Secretariat to circulate the incident summary.', 'CSEC', 'Closed'],
    ['OPSG 37x/01', 'CSP N/CDS to report on firmware roll-out.', 'CSP N/CDS', 'Open'],
  ];
  for (const [actionId, text, owner, status] of earlier) {
    const id = String(list.nextItemId++);
    const at = '2024-11-18T10:00:00Z';
    list.items.set(id, {
      id,
      uniqueId: ids.guid(),
      createdDateTime: at,
      lastModifiedDateTime: at,
      createdById: organizer.id,
      lastModifiedById: organizer.id,
      version: 1,
      fields: {
        Title: actionId,
        ActionId: actionId,
        ActionText: text,
        Owner: owner,
        DateRaised: at,
        TargetDate: '2025-01-27T00:00:00Z',
        Status: status,
        MeetingReference: actionId.startsWith('OPSG 39') ? 'OPSG_39_1111' : 'OPSG_38_2810',
      },
    });
  }
  state.lists.set(actionListId, list);

  const planId = ids.plannerId();
  const groupId = ids.guid();
  const bucket = (name: string, orderHint: string): GraphObject => ({
    '@odata.etag': `W/"JzEtQnVja2V0QEBAQEBAQEBAQEBAQEBAQEBAQEBARCc="`,
    id: ids.plannerId(),
    name,
    planId,
    orderHint,
  });
  const buckets = [
    bucket('Open actions', '8585269235419217847'),
    bucket('Closed actions', '8585269235419217846P^'),
  ];
  state.plans.set(planId, {
    resource: {
      '@odata.etag': `W/"JzEtUGxhbiAgQEBAQEBAQEBAQEBAQEBAQEBAQEBARCc="`,
      id: planId,
      title: 'OPSG actions',
      owner: groupId,
      createdDateTime: '2024-09-02T09:00:00Z',
      createdBy: { user: { id: organizer.id, displayName: null } },
      container: {
        containerId: groupId,
        type: 'group',
        url: `https://graph.microsoft.com/v1.0/groups/${groupId}`,
      },
    },
    buckets,
  });

  const todoListIds: Record<string, string> = {};
  for (const user of users) {
    for (const [displayName, wellknownListName] of [
      ['Tasks', 'defaultList'],
      ['Flagged Emails', 'flaggedEmails'],
    ] as const) {
      const id = ids.exchangeId();
      const etag = `W/"${ids.opaque(18)}"`;
      state.todoLists.set(id, {
        ownerId: user.id,
        etag,
        resource: { id, displayName, isOwner: true, isShared: false, wellknownListName },
        tasks: new Map(),
      });
      if (wellknownListName === 'defaultList') todoListIds[user.id] = id;
    }
  }

  return {
    site: { id: siteId, driveId, libraryListId, actionListId },
    plan: {
      id: planId,
      openBucketId: buckets[0]!.id as string,
      closedBucketId: buckets[1]!.id as string,
    },
    todoListIds,
  };
}
