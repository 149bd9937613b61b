/**
 * The baseline of the publish bench: a NAIVE publisher that does what our publisher does, step
 * for step from the same plan, with the same values, but one request at a time through the
 * resource modules of dist/graph: no $batch, nothing in parallel, no ledger. It looks a user's
 * default To Do list up once per user (as anyone would), and reads each Planner task's details
 * for their etag before writing them, as Planner requires.
 */
import { loadDist } from './dist.mjs';

const drive = loadDist('graph/drive.js');
const chat = loadDist('graph/chat.js');
const mail = loadDist('graph/mail.js');
const lists = loadDist('graph/lists.js');
const planner = loadDist('graph/planner.js');
const todo = loadDist('graph/todo.js');
const minutes = loadDist('minutes/index.js');

/** Publishes `plan` with the clients `{ delegated, application }`; returns the step count. */
export async function publishNaively(plan, clients, docx) {
  const results = new Map();
  const todoLists = new Map();
  const link = (step) =>
    step.documentUrlHint ?? (step.documentKey ? results.get(step.documentKey)?.webUrl : null);
  for (const step of plan.steps) {
    const files = clients.delegated;
    switch (step.kind) {
      case 'document.upload': {
        const item = await drive.uploadMinutesFile(files, {
          driveId: step.driveId,
          folder: step.path.slice(0, -2).join('/'),
          year: step.path[step.path.length - 2],
          fileName: step.path[step.path.length - 1],
          bytes: docx,
        });
        results.set(step.key, { itemId: item.id, webUrl: item.webUrl });
        break;
      }
      case 'document.columns':
        await drive.setLibraryFields(
          files,
          step.driveId,
          results.get(step.documentKey).itemId,
          step.fields,
        );
        break;
      case 'chat.post':
        await chat.postChatMessage(clients.delegated, step.chatId, {
          html: minutes.renderMinutesChat(plan.minutes, {
            documentUrl: link(step) ?? '',
            maxBytes: chat.MAX_CHAT_HTML_BYTES - 200,
          }),
          marker: step.marker,
        });
        break;
      case 'mail.draft': {
        const draft = await mail.createMinutesDraft(clients.delegated, 'me', {
          subject: step.subject,
          html: minutes.renderMinutesHtml(plan.minutes),
          to: step.to,
          key: step.marker,
          attachment: {
            name: step.attachmentName,
            contentType: drive.DOCX_CONTENT_TYPE,
            bytes: docx,
          },
        });
        results.set(step.key, { draftId: draft.id });
        break;
      }
      case 'mail.send':
        await mail.sendDraft(clients.delegated, 'me', results.get(step.draftKey).draftId);
        break;
      case 'register.upsert':
        await lists.createRow(
          files,
          { siteId: step.siteId, listId: step.listId },
          { Status: 'Open', ...step.fields },
        );
        break;
      case 'planner.upsert': {
        const task = await planner.createPlannerTask(clients.delegated, {
          planId: step.planId,
          bucketId: step.bucketId,
          actionId: step.actionId,
          title: step.title,
          ...(step.dueDateTime ? { dueDateTime: step.dueDateTime } : {}),
          assigneeIds: step.assign,
        });
        results.set(step.key, { taskId: task.id });
        break;
      }
      case 'planner.details': {
        const taskId = results.get(step.taskKey).taskId;
        const details = await planner.getTaskDetails(clients.delegated, taskId);
        const url = link(step);
        await planner.updateTaskDetails(clients.delegated, taskId, details.etag, {
          description: step.description,
          ...(url ? { reference: { url, alias: step.referenceAlias } } : {}),
        });
        break;
      }
      case 'todo.upsert': {
        const owner = { id: step.userId };
        if (!todoLists.has(step.userId)) {
          const list = await todo.getDefaultTodoList(clients.application, owner);
          todoLists.set(step.userId, list.id);
        }
        await todo.createTodoTask(clients.application, owner, todoLists.get(step.userId), {
          title: step.title,
          bodyText: step.bodyText,
          dueDateTime: step.dueDateTime,
          reminderDateTime: step.reminderDateTime,
          key: step.externalId,
          webUrl: link(step) ?? 'https://minutebook.example/',
          linkDisplayName: step.linkName,
        });
        break;
      }
      default:
        throw new Error(`the naive publisher does not know step kind ${step.kind}`);
    }
  }
  return plan.steps.length;
}
