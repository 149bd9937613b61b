/**
 * The inspector page at `/_sandbox`: what was published, for a person checking a run. Every value
 * is escaped; a chat post shows its source as text and, for HTML posts, a preview in an iframe
 * with an empty `sandbox` attribute (no scripts, no same-origin, no forms), under a page CSP that
 * allows no script at all.
 */
import { escapeHtml as escapeText } from '../../minutes/escapeHtml';
import type { StatsSnapshot } from '../stats';
import type { PublishedSnapshot } from './snapshotState';

/** Any value of the state as escaped text (the minutes' one escaper); objects as their JSON. */
export function escapeHtml(value: unknown): string {
  if (value === undefined || value === null) return '';
  return escapeText(typeof value === 'string' ? value : JSON.stringify(value));
}

type Row = Record<string, unknown>;

/**
 * A table of rows of cells (HTML already escaped). `anchors[i]`, when given, becomes row i's id,
 * so the tab's result links (`/_sandbox#task-<id>`) land on the object they name.
 */
function table(headings: string[], rows: string[][], anchors: string[] = []): string {
  if (rows.length === 0) return '<p class="empty">Nothing yet.</p>';
  const head = headings.map((heading) => `<th scope="col">${escapeHtml(heading)}</th>`).join('');
  const body = rows
    .map((cells, index) => {
      const anchor = anchors[index];
      const id = anchor ? ` id="${escapeHtml(anchor)}"` : '';
      return `<tr${id}>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
    })
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function section(title: string, count: number, content: string): string {
  return `<section><h2>${escapeHtml(title)} <span class="count">(${count})</span></h2>${content}</section>`;
}

const code = (value: unknown) =>
  `<pre>${escapeHtml(typeof value === 'string' ? value : JSON.stringify(value, null, 2))}</pre>`;

function chatPost(post: Row): string[] {
  const source = code(post.content);
  const preview =
    post.contentType === 'html'
      ? `<iframe sandbox="" title="Preview of message ${escapeHtml(post.id)}" srcdoc="${escapeHtml(post.content)}"></iframe>`
      : '';
  return [
    escapeHtml(post.createdDateTime),
    escapeHtml(post.from),
    escapeHtml(post.contentType),
    `${source}${preview}`,
  ];
}

export function renderInspector(snapshot: PublishedSnapshot, stats: StatsSnapshot): string {
  const documents = table(
    ['Path', 'Columns', 'Versions'],
    snapshot.documents.map((doc) => [
      escapeHtml(doc.path),
      code(doc.fields),
      (doc.versions as Row[])
        .map(
          (version) =>
            `<a href="${escapeHtml(version.download)}">${escapeHtml(version.id)}</a> ${escapeHtml(version.size)} bytes, ${escapeHtml(version.lastModifiedDateTime)}`,
        )
        .join('<br>'),
    ]),
    snapshot.documents.map((doc) => `document-${String(doc.id)}`),
  );
  const mails = table(
    ['Sent', 'From', 'Subject', 'Recipients', 'Attachments', 'Body'],
    snapshot.mails.map((mail) => [
      escapeHtml(mail.sentDateTime),
      escapeHtml(mail.from),
      escapeHtml(mail.subject),
      escapeHtml(
        [
          ...(mail.toRecipients as string[]),
          ...(mail.ccRecipients as string[]).map((cc) => `cc ${cc}`),
        ].join(', '),
      ),
      escapeHtml(
        (mail.attachments as Row[])
          .map((item) => `${String(item.name)} (${String(item.size)} bytes)`)
          .join(', '),
      ),
      code(mail.bodyContent),
    ]),
  );
  const rows = table(
    ['List', 'Id', 'Version', 'Fields'],
    snapshot.listRows.map((row) => [
      escapeHtml(row.list),
      escapeHtml(row.id),
      escapeHtml(row.version),
      code(row.fields),
    ]),
  );
  const planner = table(
    ['Title', 'Due', 'Assignees', '% done', 'Details'],
    snapshot.plannerTasks.map((task) => [
      escapeHtml(task.title),
      escapeHtml(task.dueDateTime),
      escapeHtml((task.assignees as string[]).join(', ')),
      escapeHtml(task.percentComplete),
      code(task.details),
    ]),
    snapshot.plannerTasks.map((task) => `task-${String(task.id)}`),
  );
  const todo = table(
    ['Owner', 'List', 'Title', 'Due', 'Reminder', 'Links'],
    snapshot.todoTasks.map((task) => [
      escapeHtml(task.owner),
      escapeHtml(task.list),
      escapeHtml(task.title),
      escapeHtml((task.dueDateTime as Row | undefined)?.dateTime),
      escapeHtml(task.isReminderOn ? (task.reminderDateTime as Row | undefined)?.dateTime : 'off'),
      code(task.linkedResources),
    ]),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Graph sandbox</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#222}
table{border-collapse:collapse;width:100%;margin-bottom:1rem}
th,td{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}
pre{white-space:pre-wrap;margin:0;max-height:16rem;overflow:auto}
iframe{width:100%;height:12rem;border:1px dashed #999;background:#fff}
.count,.empty{color:#666}
tr:target{outline:3px solid #0f6cbd;background:#ebf3fc}
</style></head><body>
<h1>Graph sandbox</h1>
<p>Tenant ${escapeHtml(snapshot.tenantId)}. ${escapeHtml(stats.roundTrips)} round trips, ${escapeHtml(stats.graphRequests)} Graph requests,
faults ${escapeHtml(JSON.stringify(stats.faults))}. JSON: <a href="/_sandbox/state">state</a>, <a href="/_sandbox/stats">stats</a>, <a href="/_sandbox/faults">faults</a>.</p>
${section('Documents', snapshot.documents.length, documents)}
${section(
  'Chat posts',
  snapshot.chatPosts.length,
  table(
    ['Posted', 'From', 'Type', 'Source and preview'],
    snapshot.chatPosts.map(chatPost),
    snapshot.chatPosts.map((post) => `chat-${String(post.id)}`),
  ),
)}
${section('Mail sent', snapshot.mails.length, mails)}
${section('List rows', snapshot.listRows.length, rows)}
${section('Planner tasks', snapshot.plannerTasks.length, planner)}
${section('To Do tasks', snapshot.todoTasks.length, todo)}
</body></html>`;
}
