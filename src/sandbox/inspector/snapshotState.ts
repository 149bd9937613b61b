/**
 * What Minutebook published into the sandbox, as plain JSON for `/_sandbox/state` and the
 * inspector page: documents with their versions, chat posts, mail, list rows, Planner tasks with
 * details, To Do tasks. Bytes are not inlined; each version links to `/_sandbox/content/…`.
 */
import type { GraphObject, SandboxState } from '../state/SandboxState';

export interface PublishedSnapshot {
  tenantId: string;
  documents: GraphObject[];
  chatPosts: GraphObject[];
  mails: GraphObject[];
  drafts: GraphObject[];
  listRows: GraphObject[];
  plannerTasks: GraphObject[];
  todoTasks: GraphObject[];
}

const nameOf = (state: SandboxState, userId: string) =>
  state.users.get(userId)?.displayName ?? userId;

export function contentPath(driveId: string, itemId: string, versionId: string): string {
  return `/_sandbox/content/${encodeURIComponent(driveId)}/${encodeURIComponent(itemId)}/${encodeURIComponent(versionId)}`;
}

export function snapshotState(state: SandboxState): PublishedSnapshot {
  const documents = [...state.drives.values()].flatMap((drive) =>
    [...drive.items.values()]
      .filter((item) => !item.isFolder)
      .map((item) => ({
        drive: drive.name,
        driveId: drive.id,
        id: item.id,
        path: item.parentPath === '' ? item.name : `${item.parentPath}/${item.name}`,
        fields: item.fields,
        versions: item.versions.map((version) => ({
          id: version.id,
          size: version.bytes.length,
          lastModifiedDateTime: version.lastModifiedDateTime,
          lastModifiedBy: nameOf(state, version.lastModifiedById),
          download: contentPath(drive.id, item.id, version.id),
        })),
      })),
  );
  const chatPosts = [...state.chats.values()].flatMap((chat) =>
    chat.messages.map((message) => ({
      chatId: chat.resource.id,
      topic: chat.resource.topic,
      id: message.id,
      createdDateTime: message.createdDateTime,
      from: (message.from as { user?: { displayName?: string } } | null)?.user?.displayName ?? null,
      contentType: (message.body as GraphObject).contentType,
      content: (message.body as GraphObject).content,
      mentions: message.mentions,
      attachments: message.attachments,
    })),
  );
  const mails = state.deliveredMail.map((mail) => ({
    ...mail,
    from: nameOf(state, mail.fromUserId),
  }));
  const drafts = [...state.messages.values()]
    .filter((message) => message.folder === 'drafts')
    .map((message) => ({
      id: message.id,
      owner: nameOf(state, message.ownerId),
      subject: message.resource.subject,
      attachments: message.attachments.map((item) => ({
        name: item.name,
        size: item.bytes.length,
      })),
    }));
  const listRows = [...state.lists.values()].flatMap((list) =>
    [...list.items.values()].map((row) => ({
      list: list.displayName,
      listId: list.id,
      id: row.id,
      version: row.version,
      fields: row.fields,
    })),
  );
  const plannerTasks = [...state.plannerTasks.values()].map((task) => ({
    ...task.resource,
    etag: task.etag,
    assignees: Object.keys((task.resource.assignments ?? {}) as GraphObject).map((id) =>
      nameOf(state, id),
    ),
    details: { ...task.details, etag: task.detailsEtag },
  }));
  const todoTasks = [...state.todoLists.values()].flatMap((list) =>
    [...list.tasks.values()].map((task) => ({
      owner: nameOf(state, list.ownerId),
      list: list.resource.displayName,
      ...task.resource,
      linkedResources: task.linkedResources,
    })),
  );
  return {
    tenantId: state.tenantId,
    documents,
    chatPosts,
    mails,
    drafts,
    listRows,
    plannerTasks,
    todoTasks,
  };
}
