/**
 * What a publish left in the Graph sandbox, counted from `GET /_sandbox/state` (the inspector's
 * JSON): documents and their versions, chat posts and mail, register rows, Planner and To Do
 * tasks. Two publishers that leave the same counts left the same end state, object for object.
 */
export async function publishedState(sandboxUrl, reference) {
  const response = await fetch(`${sandboxUrl}/_sandbox/state`);
  if (!response.ok) throw new Error(`GET /_sandbox/state answered ${response.status}`);
  const state = await response.json();
  const documents = state.documents.filter((doc) => String(doc.path).startsWith('Minutes/'));
  return {
    documents: documents.length,
    versions: documents.reduce((sum, doc) => sum + doc.versions.length, 0),
    chatPosts: state.chatPosts.length,
    mails: state.mails.length,
    mailsWithDocx: state.mails.filter((mail) =>
      mail.attachments.some((file) => String(file.name).endsWith('.docx')),
    ).length,
    drafts: state.drafts.length,
    rows: state.listRows.filter((row) => row.fields.MeetingReference === reference).length,
    plannerTasks: state.plannerTasks.length,
    plannerAssignments: state.plannerTasks.reduce(
      (sum, task) => sum + Object.keys(task.assignments ?? {}).length,
      0,
    ),
    plannerReferences: state.plannerTasks.filter(
      (task) => Object.keys(task.details?.references ?? {}).length === 1,
    ).length,
    todoTasks: state.todoTasks.length,
    todoReminders: state.todoTasks.filter((task) => task.isReminderOn === true).length,
  };
}

/** The differences between two counts, as "name: a ≠ b" lines (none when they agree). */
export function differences(left, right) {
  return Object.keys({ ...left, ...right })
    .filter((key) => left[key] !== right[key])
    .map((key) => `${key}: ${left[key]} ≠ ${right[key]}`);
}
