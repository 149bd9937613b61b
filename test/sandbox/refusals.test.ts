/**
 * What real Graph refuses, the sandbox refuses: with Graph's error shape, the request ids, and no
 * change to what was published.
 */
import {
  expectAllAnswersValid,
  expectGraphError,
  publishedState,
  startHarness,
  type Harness,
} from './support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
expectAllAnswersValid(() => h);

async function createTask(title = 'Circulate the revised schedule') {
  const seed = h.sandbox.seed!;
  const created = await h.graph('POST', '/planner/tasks', {
    body: { planId: seed.plan.id, bucketId: seed.plan.openBucketId, title },
  });
  expect(created.status).toBe(201);
  return created.body as { id: string; '@odata.etag': string };
}

describe('when a body has a property the Graph type lacks', () => {
  it('answers 400 naming the property and the type, and creates nothing', async () => {
    const before = await publishedState(h);
    const seed = h.sandbox.seed!;
    const response = await h.graph('POST', '/planner/tasks', {
      body: { planId: seed.plan.id, title: 'Action OPSG 41/01', ownerName: 'The CDS' },
    });
    expectGraphError(response, 400, 'BadRequest');
    expect(response.body.error.message).toContain(
      "The property 'ownerName' does not exist on type 'microsoft.graph.plannerTask'",
    );
    expect(response.body.error.details[0].target).toBe('ownerName');
    expect(await publishedState(h)).toEqual(before);
  });

  it('refuses it inside Outlook types too, although the CSDL marks message open', async () => {
    const response = await h.graph('POST', '/me/sendMail', {
      body: { message: { subject: 'Minutes', importanceLevel: 'high', toRecipients: [] } },
    });
    expectGraphError(response, 400, 'RequestBodyRead');
    expect(response.body.error.message).toContain("'importanceLevel'");
  });
});

describe('when an enum value is not a member', () => {
  it('answers 400 and lists the members', async () => {
    const before = await publishedState(h);
    const seed = h.sandbox.seed!;
    const response = await h.graph(
      'POST',
      `/users/${seed.organizer.id}/todo/lists/${seed.todoListIds[seed.organizer.id]}/tasks`,
      {
        body: { title: 'Send the draft minutes', importance: 'urgent' },
      },
    );
    expectGraphError(response, 400);
    expect(response.body.error.message).toContain("'urgent'");
    expect(response.body.error.message).toContain('low, normal, high');
    expect(await publishedState(h)).toEqual(before);
  });
});

describe('when a DateTimeOffset has no zone or is not a date', () => {
  it.each(['2025-02-24T17:00:00', '2025-02-30T17:00:00Z', 'next Monday'])(
    'refuses %s',
    async (due) => {
      const before = await publishedState(h);
      const seed = h.sandbox.seed!;
      const response = await h.graph('POST', '/planner/tasks', {
        body: { planId: seed.plan.id, title: 'Report on the firmware roll-out', dueDateTime: due },
      });
      expectGraphError(response, 400);
      expect(response.body.error.message).toBe(
        `Cannot convert the literal '${due}' to the expected type 'Edm.DateTimeOffset'.`,
      );
      expect(await publishedState(h)).toEqual(before);
    },
  );
});

describe('when a Planner PATCH comes without If-Match', () => {
  it('answers 412 with Planner’s message and leaves the task as it was', async () => {
    const task = await createTask();
    const before = await publishedState(h);
    const response = await h.graph('PATCH', `/planner/tasks/${task.id}`, {
      body: { percentComplete: 50 },
    });
    expectGraphError(response, 412, '');
    expect(response.body.error.message).toBe(
      'The If-Match header must be specified for this kind of request.',
    );
    expect(await publishedState(h)).toEqual(before);
  });
});

describe('when If-Match carries an etag that is no longer current', () => {
  it('answers 412 and keeps the newer change', async () => {
    const task = await createTask('Update the register');
    const first = await h.graph('PATCH', `/planner/tasks/${task.id}`, {
      body: { title: 'Update the action register' },
      headers: { 'If-Match': task['@odata.etag'] },
    });
    expect(first.status).toBe(204);
    const before = await publishedState(h);
    const stale = await h.graph('PATCH', `/planner/tasks/${task.id}`, {
      body: { title: 'Something else' },
      headers: { 'If-Match': task['@odata.etag'] },
    });
    expectGraphError(stale, 412, '');
    expect(await publishedState(h)).toEqual(before);
    const current = await h.graph('GET', `/planner/tasks/${task.id}`);
    expect(current.body.title).toBe('Update the action register');
  });
});

describe('when the Authorization header is missing or empty', () => {
  it.each([undefined, 'Bearer ', 'Basic abc'])(
    'answers 401 InvalidAuthenticationToken (%s)',
    async (token) => {
      const response = await h.graph(
        'GET',
        '/me',
        token === undefined ? { token: null } : { token },
      );
      expectGraphError(response, 401, 'InvalidAuthenticationToken');
    },
  );

  it('does not run the write', async () => {
    const before = await publishedState(h);
    const seed = h.sandbox.seed!;
    const response = await h.graph('POST', '/planner/tasks', {
      body: { planId: seed.plan.id, title: 'x' },
      token: null,
    });
    expectGraphError(response, 401, 'InvalidAuthenticationToken');
    expect(response.body.error.message).toBe('Access token is empty.');
    expect(await publishedState(h)).toEqual(before);
  });
});

describe('when a batch holds 21 requests', () => {
  it('answers 400 for the whole batch and runs none of them', async () => {
    const before = await publishedState(h);
    const seed = h.sandbox.seed!;
    const requests = Array.from({ length: 21 }, (_, index) => ({
      id: String(index + 1),
      method: 'POST',
      url: '/planner/tasks',
      headers: { 'Content-Type': 'application/json' },
      body: { planId: seed.plan.id, title: `Task ${index + 1}` },
    }));
    const response = await h.graph('POST', '/$batch', { body: { requests } });
    expectGraphError(response, 400, 'BadRequest');
    expect(response.body.error.message).toContain('at most 20');
    expect(await publishedState(h)).toEqual(before);
  });

  it('also refuses duplicate ids (case-insensitive)', async () => {
    const response = await h.graph('POST', '/$batch', {
      body: {
        requests: [
          { id: 'a', method: 'GET', url: '/me' },
          { id: 'A', method: 'GET', url: '/me' },
        ],
      },
    });
    expectGraphError(response, 400, 'BadRequest');
  });
});

describe('when a chat post is over about 28 KB', () => {
  it('answers 413 and posts nothing', async () => {
    const seed = h.sandbox.seed!;
    const before = await publishedState(h);
    const content = `<p>${'Minutes text. '.repeat(2100)}</p>`;
    const response = await h.graph(
      'POST',
      `/chats/${encodeURIComponent(seed.meeting.chatId)}/messages`,
      {
        body: { body: { contentType: 'html', content } },
      },
    );
    expectGraphError(response, 413, 'RequestEntityTooLarge');
    expect(await publishedState(h)).toEqual(before);
  });
});

describe('when the body breaks the shape in other ways', () => {
  it('refuses null where the type is not nullable', async () => {
    const seed = h.sandbox.seed!;
    const response = await h.graph('POST', '/planner/tasks', {
      body: { planId: seed.plan.id, title: null },
    });
    expectGraphError(response, 400);
    expect(response.body.error.message).toContain("'title'");
  });

  it('refuses an @odata.type that is not the type or derived from it', async () => {
    const seed = h.sandbox.seed!;
    const response = await h.graph('POST', '/planner/tasks', {
      body: {
        planId: seed.plan.id,
        title: 'Assign',
        assignments: {
          [seed.users[1]!.id]: {
            '@odata.type': '#microsoft.graph.plannerExternalReference',
            alias: 'x',
          },
        },
      },
    });
    expectGraphError(response, 400);
    expect(response.body.error.message).toContain('#microsoft.graph.plannerAssignment');
    const wrong = await h.graph('POST', '/me/sendMail', {
      body: {
        message: {
          subject: 'x',
          toRecipients: [{ emailAddress: { address: 'chair@members.example' } }],
          attachments: [{ '@odata.type': '#microsoft.graph.plannerTask', name: 'a' }],
        },
      },
    });
    expectGraphError(wrong, 400, 'RequestBodyRead');
    expect(wrong.body.error.message).toContain("'microsoft.graph.plannerTask'");
  });

  it('refuses an attachment without @odata.type (attachment is abstract)', async () => {
    const response = await h.graph('POST', '/me/sendMail', {
      body: {
        message: {
          subject: 'x',
          toRecipients: [{ emailAddress: { address: 'chair@members.example' } }],
          attachments: [{ name: 'minutes.txt', contentBytes: 'TWludXRlcw==' }],
        },
      },
    });
    expectGraphError(response, 400, 'RequestBodyRead');
    expect(response.body.error.message).toContain('abstract');
  });

  it('refuses a collection that is not an array, and an open-type value without a type', async () => {
    const seed = h.sandbox.seed!;
    const notArray = await h.graph('POST', '/me/sendMail', {
      body: {
        message: { subject: 'x', toRecipients: { emailAddress: { address: 'a@b.example' } } },
      },
    });
    expectGraphError(notArray, 400, 'RequestBodyRead');
    const untyped = await h.graph('POST', '/planner/tasks', {
      body: {
        planId: seed.plan.id,
        title: 'x',
        assignments: { [seed.users[1]!.id]: { orderHint: ' !' } },
      },
    });
    expectGraphError(untyped, 400);
    expect(untyped.body.error.message).toContain('A value without a type name was found');
  });

  it('refuses a body that is not JSON, and JSON sent as text', async () => {
    const broken = await h.graph('POST', '/planner/tasks', {
      raw: '{"title":',
      headers: { 'Content-Type': 'application/json' },
    });
    expectGraphError(broken, 400, 'BadRequest');
    const text = await h.graph('POST', '/planner/tasks', {
      raw: '{"title":"x"}',
      headers: { 'Content-Type': 'text/plain' },
    });
    expectGraphError(text, 415);
  });
});

describe('when the URL asks for something unsupported', () => {
  it('refuses a query option the operation does not support', async () => {
    const seed = h.sandbox.seed!;
    const response = await h.graph(
      'GET',
      `/planner/plans/${seed.plan.id}/tasks?$filter=title eq 'x'`,
    );
    expectGraphError(response, 400, 'BadRequest');
  });

  it('refuses $select of a property the type does not have', async () => {
    const response = await h.graph('GET', '/me?$select=id,shoeSize');
    expectGraphError(response, 400);
    expect(response.body.error.message).toBe(
      "Could not find a property named 'shoeSize' on type 'microsoft.graph.user'.",
    );
  });

  it('answers an unknown segment like Graph, and a wrong method with 405', async () => {
    const unknown = await h.graph('GET', '/me/notebooks');
    expectGraphError(unknown, 400, 'BadRequest');
    expect(unknown.body.error.message).toBe("Resource not found for the segment 'notebooks'.");
    const wrongMethod = await h.graph('DELETE', '/me');
    expectGraphError(wrongMethod, 405);
  });
});

describe('when the token is the wrong kind for the operation', () => {
  it('refuses /me to an application token', async () => {
    const response = await h.graph('GET', '/me', { token: 'Bearer app' });
    expectGraphError(response, 400, 'BadRequest');
    expect(response.body.error.message).toBe(
      '/me request is only valid with delegated authentication flow.',
    );
  });

  it('refuses a delegated send as another user, and reading their calendar', async () => {
    const chair = h.sandbox.seed!.users[1]!;
    const send = await h.graph('POST', `/users/${chair.id}/sendMail`, {
      body: {
        message: { subject: 'x', toRecipients: [{ emailAddress: { address: 'a@b.example' } }] },
      },
    });
    expectGraphError(send, 403, 'ErrorAccessDenied');
    const calendar = await h.graph(
      'GET',
      `/users/${chair.id}/calendarView?startDateTime=2025-01-27T00:00:00Z&endDateTime=2025-01-28T00:00:00Z`,
    );
    expectGraphError(calendar, 403, 'ErrorAccessDenied');
  });

  it('refuses details inside a task PATCH (they have their own resource and etag)', async () => {
    const task = await createTask('Details elsewhere');
    const response = await h.graph('PATCH', `/planner/tasks/${task.id}`, {
      body: { details: { description: 'x' } },
      headers: { 'If-Match': task['@odata.etag'] },
    });
    expectGraphError(response, 400, '');
  });
});
