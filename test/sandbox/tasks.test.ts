/**
 * Actions as tasks: one Planner task per action with its owner assigned and a link to the minutes
 * in its details, and To Do tasks with reminders for owners.
 */
import {
  expectAllAnswersValid,
  expectGraphError,
  publishedState,
  startHarness,
  TOKEN,
  type Harness,
} from './support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
expectAllAnswersValid(() => h);

const minutesUrl =
  'https%3A//minutebook%2Esharepoint%2Ecom/sites/OperationsGroup/Shared%20Documents/OPSG_41_2501%2Edocx';

async function newTask(title: string, extra: Record<string, unknown> = {}) {
  const { plan, users } = h.sandbox.seed!;
  return h.graph('POST', '/planner/tasks', {
    body: {
      planId: plan.id,
      bucketId: plan.openBucketId,
      title,
      dueDateTime: '2025-02-24T17:00:00Z',
      assignments: {
        [users[2]!.id]: { '@odata.type': '#microsoft.graph.plannerAssignment', orderHint: ' !' },
      },
      ...extra,
    },
  });
}

describe('when an action becomes a Planner task', () => {
  it('creates it (201) with the assignment, an etag and a stored order hint', async () => {
    const created = await newTask('OPSG 41/01: The CDS to publish the release schedule');
    expect(created.status).toBe(201);
    const owner = h.sandbox.seed!.users[2]!.id;
    expect(created.body.assignments[owner]).toMatchObject({
      '@odata.type': '#microsoft.graph.plannerAssignment',
    });
    expect(created.body.assignments[owner].orderHint).not.toBe(' !');
    expect(created.body['@odata.etag']).toMatch(/^W\/"/);
    expect(created.headers.get('etag')).toBe(created.body['@odata.etag']);
    const read = await h.graph('GET', `/planner/tasks/${created.body.id}`);
    expect(read.body['@odata.etag']).toBe(created.body['@odata.etag']);
  });

  it('updates with If-Match: 204 by default, 200 with the task when asked, and a newer etag each time', async () => {
    const created = await newTask('OPSG 41/02');
    const first = await h.graph('PATCH', `/planner/tasks/${created.body.id}`, {
      body: { percentComplete: 50 },
      headers: { 'If-Match': created.body['@odata.etag'] },
    });
    expect(first.status).toBe(204);
    const etag = first.headers.get('etag')!;
    expect(etag > created.body['@odata.etag']).toBe(true);
    const second = await h.graph('PATCH', `/planner/tasks/${created.body.id}`, {
      body: { percentComplete: 100 },
      headers: { 'If-Match': etag, Prefer: 'return=representation' },
    });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ percentComplete: 100 });
    expect(second.body.completedDateTime).toEqual(expect.any(String));
  });

  it('writes the details with their own etag: description and an encoded reference to the minutes', async () => {
    const created = await newTask('OPSG 41/03');
    const details = await h.graph('GET', `/planner/tasks/${created.body.id}/details`);
    expectGraphError(
      await h.graph('PATCH', `/planner/tasks/${created.body.id}/details`, {
        body: { description: 'x' },
        headers: { 'If-Match': created.body['@odata.etag'] },
      }),
      412,
      '',
    );
    const written = await h.graph('PATCH', `/planner/tasks/${created.body.id}/details`, {
      body: {
        description: 'Raised at OPSG_41_2501, item 3.',
        previewType: 'description',
        references: {
          [minutesUrl]: {
            '@odata.type': '#microsoft.graph.plannerExternalReference',
            alias: 'Minutes OPSG_41_2501',
            type: 'Word',
          },
        },
      },
      headers: { 'If-Match': details.body['@odata.etag'], Prefer: 'return=representation' },
    });
    expect(written.status).toBe(200);
    expect(written.body.references[minutesUrl]).toMatchObject({
      alias: 'Minutes OPSG_41_2501',
      type: 'Word',
    });
    const task = await h.graph('GET', `/planner/tasks/${created.body.id}`);
    expect(task.body).toMatchObject({ hasDescription: true, referenceCount: 1 });
  });

  it('refuses a raw URL as reference key, a malformed order hint, an assignment without order hint, a start after the due date', async () => {
    const created = await newTask('OPSG 41/04');
    const details = await h.graph('GET', `/planner/tasks/${created.body.id}/details`);
    const before = await publishedState(h);
    const raw = await h.graph('PATCH', `/planner/tasks/${created.body.id}/details`, {
      body: {
        references: {
          'https://example.org/minutes.docx': {
            '@odata.type': '#microsoft.graph.plannerExternalReference',
            alias: 'x',
          },
        },
      },
      headers: { 'If-Match': details.body['@odata.etag'] },
    });
    expectGraphError(raw, 400, '');
    expectGraphError(await newTask('Bad hint', { orderHint: '8585269235419217847' }), 400);
    const { users } = h.sandbox.seed!;
    expectGraphError(
      await newTask('No hint', {
        assignments: { [users[3]!.id]: { '@odata.type': '#microsoft.graph.plannerAssignment' } },
      }),
      400,
    );
    expectGraphError(await newTask('Backwards', { startDateTime: '2025-03-01T00:00:00Z' }), 400);
    expect(await publishedState(h)).toEqual(before);
  });

  it('lists the plan’s tasks in pages, and deletes with If-Match only', async () => {
    for (let index = 5; index <= 12; index += 1)
      await newTask(`OPSG 41/${String(index).padStart(2, '0')}`);
    const page = await h.graph('GET', `/planner/plans/${h.sandbox.seed!.plan.id}/tasks`);
    expect(page.body.value).toHaveLength(10);
    const rest = await h.fetchUrl(page.body['@odata.nextLink'], {
      headers: { Authorization: TOKEN },
    });
    expect(rest.body.value.length).toBeGreaterThanOrEqual(2);
    const victim = rest.body.value[0];
    expectGraphError(await h.graph('DELETE', `/planner/tasks/${victim.id}`), 412, '');
    expect(
      (
        await h.graph('DELETE', `/planner/tasks/${victim.id}`, {
          headers: { 'If-Match': victim['@odata.etag'] },
        })
      ).status,
    ).toBe(204);
    expectGraphError(await h.graph('GET', `/planner/tasks/${victim.id}`), 404);
    const buckets = await h.graph('GET', `/planner/plans/${h.sandbox.seed!.plan.id}/buckets`);
    expect(buckets.body.value.map((bucket: { name: string }) => bucket.name)).toEqual([
      'Open actions',
      'Closed actions',
    ]);
  });
});

describe('when an owner gets a To Do task with a reminder', () => {
  const owner = () => h.sandbox.seed!.users[2]!;
  const tasksPath = () =>
    `/users/${owner().id}/todo/lists/${h.sandbox.seed!.todoListIds[owner().id]}/tasks`;

  it('lists the owner’s lists with the default list', async () => {
    const lists = await h.graph('GET', `/users/${owner().id}/todo/lists`, { token: 'Bearer app' });
    expect(
      lists.body.value.map((list: { wellknownListName: string }) => list.wellknownListName),
    ).toEqual(['defaultList', 'flaggedEmails']);
  });

  it('creates the task app-only with dates as dateTimeTimeZone and a linked resource, then lists and updates it', async () => {
    const created = await h.graph('POST', tasksPath(), {
      token: 'Bearer app',
      body: {
        title: 'OPSG 41/01: publish the release schedule',
        body: { contentType: 'text', content: 'From the minutes of OPSG_41_2501.' },
        dueDateTime: { dateTime: '2025-02-24T17:00:00', timeZone: 'Europe/London' },
        isReminderOn: true,
        reminderDateTime: { dateTime: '2025-02-21T09:00:00', timeZone: 'Europe/London' },
        importance: 'high',
        linkedResources: [
          {
            webUrl: 'https://minutebook.example/actions/41-01',
            applicationName: 'Minutebook',
            displayName: 'OPSG 41/01',
            externalId: 'opsg-41-01',
          },
        ],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.dueDateTime).toEqual({
      dateTime: '2025-02-24T17:00:00.0000000',
      timeZone: 'Europe/London',
    });
    expect(created.body.linkedResources[0].externalId).toBe('opsg-41-01');
    const listed = await h.graph('GET', `${tasksPath()}?$expand=linkedResources`, {
      token: 'Bearer app',
    });
    expect(listed.body.value[0].linkedResources[0].externalId).toBe('opsg-41-01');
    const patched = await h.graph(
      'PATCH',
      `${tasksPath()}/${encodeURIComponent(created.body.id)}`,
      {
        token: 'Bearer app',
        body: { status: 'completed' },
        headers: { 'If-Match': created.body['@odata.etag'] },
      },
    );
    expect(patched.status).toBe(200);
    expect(patched.body.status).toBe('completed');
    expectGraphError(
      await h.graph('PATCH', `${tasksPath()}/${encodeURIComponent(created.body.id)}`, {
        token: 'Bearer app',
        body: { title: 'x' },
        headers: { 'If-Match': created.body['@odata.etag'] },
      }),
      412,
    );
  });

  it('refuses a delegated token on another user’s lists, an offset in dateTime, and $filter', async () => {
    expectGraphError(
      await h.graph('GET', `/users/${owner().id}/todo/lists`),
      400,
      'ErrorIncorrectRoutingHint',
    );
    expectGraphError(
      await h.graph('POST', tasksPath(), {
        token: 'Bearer app',
        body: { title: 'x', dueDateTime: { dateTime: '2025-02-24T17:00:00Z', timeZone: 'UTC' } },
      }),
      400,
    );
    expectGraphError(
      await h.graph('GET', `${tasksPath()}?$filter=startswith(title,'OPSG')`, {
        token: 'Bearer app',
      }),
      400,
    );
    const mine = await h.graph('GET', '/me/todo/lists');
    expect(mine.status).toBe(200);
  });
});

describe('when a task is deleted by someone, or the tenant is lost', () => {
  it('answers 404 for a deleted Planner task and its details', async () => {
    const created = await newTask('OPSG 41/20');
    const id = created.body.id as string;
    expect(
      (
        await h.graph('DELETE', `/planner/tasks/${id}`, {
          headers: { 'If-Match': created.body['@odata.etag'] },
        })
      ).status,
    ).toBe(204);
    expectGraphError(await h.graph('GET', `/planner/tasks/${id}/details`), 404);
    expectGraphError(
      await h.graph('PATCH', `/planner/tasks/${id}`, {
        body: { title: 'x' },
        headers: { 'If-Match': created.body['@odata.etag'] },
      }),
      404,
    );
  });

  it('deletes a To Do task (204, a stale If-Match 412), which answers 404 after', async () => {
    const owner = h.sandbox.seed!.users[2]!;
    const tasks = `/users/${owner.id}/todo/lists/${h.sandbox.seed!.todoListIds[owner.id]}/tasks`;
    const created = await h.graph('POST', tasks, {
      token: 'Bearer app',
      body: { title: 'OPSG 41/20 reminder' },
    });
    const url = `${tasks}/${encodeURIComponent(created.body.id)}`;
    await h.graph('PATCH', url, { token: 'Bearer app', body: { title: 'OPSG 41/20 changed' } });
    expectGraphError(
      await h.graph('DELETE', url, {
        token: 'Bearer app',
        headers: { 'If-Match': created.body['@odata.etag'] },
      }),
      412,
    );
    expect((await h.graph('DELETE', url, { token: 'Bearer app' })).status).toBe(204);
    expectGraphError(await h.graph('GET', url, { token: 'Bearer app' }), 404, 'ErrorItemNotFound');
    expectGraphError(
      await h.graph('PATCH', url, { token: 'Bearer app', body: { title: 'y' } }),
      404,
      'ErrorItemNotFound',
    );
  });

  it('answers 404 for every task made before a restart', async () => {
    const planner = await newTask('OPSG 41/21');
    const owner = h.sandbox.seed!.users[2]!;
    const tasks = `/users/${owner.id}/todo/lists/${h.sandbox.seed!.todoListIds[owner.id]}/tasks`;
    const todo = await h.graph('POST', tasks, { token: 'Bearer app', body: { title: 'r' } });
    h.sandbox.reset();
    expectGraphError(await h.graph('GET', `/planner/tasks/${planner.body.id}`), 404);
    expectGraphError(
      await h.graph('GET', `${tasks}/${encodeURIComponent(todo.body.id)}`, { token: 'Bearer app' }),
      404,
    );
  });
});
