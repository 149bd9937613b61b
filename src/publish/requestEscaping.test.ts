/**
 * Every body Minutebook sends to Microsoft 365, built by the real plan and step drivers (pure)
 * from a meeting whose every user-typed field is hostile: the chat message, the e-mail (subject,
 * HTML body with its link to the filed document, attachment name), the Planner task (title) and
 * its details (description, reference), the register row's fields, the To Do task (title, body,
 * linked resource). HTML bodies must carry the text escaped and no markup of the user's; plain-
 * text fields must carry it as typed (Planner, SharePoint and To Do show text, so an entity
 * there would be shown as one); and no link may point anywhere but an https: address.
 */
import { committeeSettingsSchema, foldOperations, meetingView } from '../domain';
import { buildMinutesDocument } from '../minutes';
import { MEETING_ID, opsg41Committee, opsg41Script, sequence } from '../../test/fixtures/opsg41';
import { STEP_DRIVERS } from './drivers';
import { planPublish } from './planPublish';
import type { PublishStep } from './PublishPlan';
import type { Answers, DriverContext, StepState, Write } from './stepDriver';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';
const QUOTES = `& "double" 'single'`;
const RTL = 'مرحبا \u202Eevil\u202C';
const JS_LINK = '[link](javascript:alert(1))';
/** Everything at once, with a control character between "a" and "b". */
const HOSTILE = `${SCRIPT} ${IMG} ${QUOTES} ${RTL} a\u0001b ${JS_LINK}`;

const ESCAPED_SCRIPT = '&lt;script&gt;alert(1)&lt;/script&gt;';
const ESCAPED_IMG = '&lt;img src=x onerror=alert(1)&gt;';

/** The document as SharePoint might name it for a hostile reference: an https address. */
const DOCUMENT_URL = `https://contoso.sharepoint.com/sites/opsg/Minutes/O'Brien & "x" <b>.docx`;

function hostilePlan() {
  const base = opsg41Committee();
  let n = 0;
  const committee = committeeSettingsSchema.parse({
    ...base,
    organisations: base.organisations.map((organisation) => ({
      ...organisation,
      contacts: organisation.contacts.map((contact) => ({
        ...contact,
        entraObjectId: `00000000-0000-4000-8000-${String((n += 1)).padStart(12, '0')}`,
      })),
    })),
    publishing: {
      documentLibrary: { driveId: 'drive-1', folder: 'Minutes', columns: {} },
      actionRegister: { siteId: 'site-1', listId: 'list-1' },
      planner: { planId: 'plan-1', bucketId: 'bucket-1' },
      distributionList: ['opsg@contoso.example'],
      todoReminders: { enabled: true, daysBefore: 2 },
    },
  });
  const cdsContact = committee.organisations.find((o) => o.id === 'cds')!.contacts[0]!.id;
  const script = opsg41Script();
  const item2 = script.id('agenda', '2');
  script
    .op('meeting.update', { reference: `OPSG_41 ${HOSTILE}` })
    .op('note.add', { id: script.id('note', 'hostile'), itemId: item2, text: HOSTILE })
    .op('action.raise', {
      id: script.id('action', 'hostile'),
      itemId: item2,
      text: HOSTILE,
      ownerIds: ['cds'],
      assigneeIds: [cdsContact],
      targetDate: '2021-03-01',
    })
    .op('decision.add', {
      id: script.id('decision', 'hostile'),
      itemId: item2,
      verb: 'NOTED',
      text: HOSTILE,
    });
  const view = meetingView(foldOperations(MEETING_ID, sequence(script.operations())), committee);
  const minutes = buildMinutesDocument(view, committee);
  const plan = planPublish({
    tenantId: 'tenant-1',
    view,
    committee,
    minutes,
    history: { runs: [], steps: [] },
  });
  return { plan, minutes, view };
}

const FRESH: StepState = {
  record: undefined,
  inDoubt: false,
  inherited: false,
  stale: false,
  recreate: false,
};

/** What the step would send, with `documentUrl` as where the document was filed. */
async function bodyOf(
  step: PublishStep,
  documentUrl: string | null,
  minutes: DriverContext['minutes'],
): Promise<{ url: string; body: unknown }> {
  const results: Record<string, Record<string, unknown>> = {};
  const ctx: DriverContext = {
    runId: 'run-1',
    minutes,
    graph: undefined as unknown as DriverContext['graph'],
    resultOf: (key) =>
      results[key] ?? (key.startsWith('task:') ? { taskId: 'task-1', etag: 'W/"1"' } : null),
    documentUrl: () => documentUrl,
    docx: async () => new Uint8Array([80, 75, 3, 4]),
  };
  const answers: Answers = new Map([
    [
      'details:task-1',
      {
        ok: true,
        body: { id: 'task-1', '@odata.etag': 'W/"2"', description: '', references: {} },
      },
    ],
    [
      `lists:${step.kind === 'todo.upsert' ? step.userId : ''}`,
      {
        ok: true,
        body: {
          value: [
            {
              id: 'list-1',
              displayName: 'Tasks',
              isOwner: true,
              isShared: false,
              wellknownListName: 'defaultList',
            },
          ],
        },
      },
    ],
  ]);
  const decision = await STEP_DRIVERS[step.kind].decide(step, FRESH, answers, ctx);
  if (decision.kind !== 'write') throw new Error(`${step.key} decided ${decision.kind}`);
  const write: Write = decision.write;
  if (!('request' in write)) throw new Error(`${step.key} writes directly`);
  return { url: write.request.url, body: write.request.body };
}

const TAG = /<\/?([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+="[^"<>]*")*)\s*\/?>/g;

/** The tag names of `html`, and what is left once tags and comments go. */
function markup(html: string): { tags: string[]; hrefs: string[]; rest: string } {
  const tags: string[] = [];
  const hrefs: string[] = [];
  const rest = html
    .replace(/^<!DOCTYPE html>/, '')
    .replace(/<!-- [^<>]* -->/g, '')
    .replace(TAG, (_tag, name: string, attrs: string) => {
      tags.push(name.toLowerCase());
      for (const match of attrs.matchAll(/\shref="([^"]*)"/g)) hrefs.push(match[1] ?? '');
      return '';
    });
  return { tags, hrefs, rest };
}

function expectSafeHtml(html: string): void {
  const { tags, hrefs, rest } = markup(html);
  expect(tags).not.toContain('script');
  expect(tags).not.toContain('img');
  expect(rest).not.toMatch(/[<>]/);
  expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i);
  expect(html).toContain(ESCAPED_SCRIPT);
  expect(html).toContain(ESCAPED_IMG);
  expect(html).not.toContain('\u0001');
  for (const href of hrefs) expect(href).toMatch(/^https:\/\//);
}

/**
 * Every address a body makes a link of: the hrefs of its HTML, Planner's reference keys (the
 * URL, encoded) and linked resources' webUrl.
 */
function linksOf(body: unknown): string[] {
  const links: string[] = [];
  const visit = (value: unknown, key: string) => {
    if (typeof value === 'string') {
      if (key === 'webUrl') links.push(value);
      links.push(...markup(value).hrefs);
    } else if (Array.isArray(value)) {
      value.forEach((entry) => visit(entry, key));
    } else if (value && typeof value === 'object') {
      for (const [name, entry] of Object.entries(value)) {
        if (key === 'references') links.push(decodeURIComponent(name));
        visit(entry, name);
      }
    }
  };
  visit(body, '');
  return links;
}

/** Every string anywhere in a JSON body. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

describe('the bodies sent to Microsoft 365 for a meeting whose every text is hostile', () => {
  const { plan, minutes } = hostilePlan();
  const steps = (kind: PublishStep['kind']) => plan.steps.filter((step) => step.kind === kind);
  const hostileAction = (step: PublishStep) => 'actionId' in step && step.actionId === 'OPSG 41/07';

  it('plans every kind of body', () => {
    const kinds = new Set(plan.steps.map((step) => step.kind));
    for (const kind of [
      'chat.post',
      'mail.draft',
      'register.upsert',
      'planner.upsert',
      'planner.details',
      'todo.upsert',
    ] as const)
      expect(kinds).toContain(kind);
  });

  it('the chat message carries the text escaped, with its one link to the document', async () => {
    const [chat] = steps('chat.post');
    const { body } = await bodyOf(chat!, DOCUMENT_URL, minutes);
    const content = (body as { body: { contentType: string; content: string } }).body;
    expect(content.contentType).toBe('html');
    expectSafeHtml(content.content);
    expect(markup(content.content).hrefs).toEqual([
      new URL(DOCUMENT_URL).href.replace(/&/g, '&amp;').replace(/'/g, '&#39;'),
    ]);
  });

  it('the e-mail carries the text escaped in its HTML, the link escaped, and a plain subject', async () => {
    const [draft] = steps('mail.draft');
    const { body } = await bodyOf(draft!, DOCUMENT_URL, minutes);
    const message = body as {
      subject: string;
      body: { contentType: string; content: string };
      attachments: { name: string }[];
    };
    expect(message.body.contentType).toBe('html');
    expectSafeHtml(message.body.content);
    const { hrefs } = markup(message.body.content);
    expect(hrefs).toHaveLength(1);
    expect(hrefs[0]).toBe(new URL(DOCUMENT_URL).href.replace(/&/g, '&amp;').replace(/'/g, '&#39;'));
    expect(message.body.content).not.toContain(`"x" <b>`);
    // Plain text: what was typed, not entities (Outlook shows a subject as text).
    expect(message.subject).toContain(SCRIPT);
    expect(message.subject).not.toContain('&lt;');
    // The attachment's name is a file name: no characters a file name cannot hold.
    expect(message.attachments[0]?.name).toMatch(/\.docx$/);
    const name = message.attachments[0]?.name ?? '';
    expect(name).not.toMatch(/[<>:"/\\|?*]/);
    expect([...name].every((character) => character.charCodeAt(0) >= 0x20)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://contoso.sharepoint.com/minutes.docx',
  ])('no body links the document at %p', async (documentUrl) => {
    let linking = 0;
    for (const step of plan.steps) {
      if (!['chat.post', 'mail.draft', 'planner.details', 'todo.upsert'].includes(step.kind))
        continue;
      linking += 1;
      const { body } = await bodyOf(step, documentUrl, minutes);
      expect({ step: step.key, links: linksOf(body) }).toEqual({ step: step.key, links: [] });
    }
    expect(linking).toBeGreaterThan(3);
  });

  it('the register row carries the action and the reference as typed', async () => {
    const row = steps('register.upsert').find(hostileAction);
    const { body } = await bodyOf(row!, DOCUMENT_URL, minutes);
    const fields = (body as { fields: Record<string, unknown> }).fields;
    expect(fields.ActionText).toBe(HOSTILE);
    expect(fields.MeetingReference).toBe(`OPSG_41 ${HOSTILE}`);
    for (const value of stringsOf(fields)) expect(value).not.toMatch(/&lt;|&amp;|&quot;/);
  });

  it('the Planner task and its details carry the text as typed, and only an https reference', async () => {
    const task = steps('planner.upsert').find(hostileAction);
    const { body: taskBody } = await bodyOf(task!, DOCUMENT_URL, minutes);
    expect((taskBody as { title: string }).title).toBe(`OPSG 41/07 ${HOSTILE}`);
    const details = steps('planner.details').find(
      (step) => step.kind === 'planner.details' && step.taskKey === task!.key,
    );
    const { body } = await bodyOf(details!, DOCUMENT_URL, minutes);
    const { description, references } = body as {
      description: string;
      references: Record<string, { alias: string }>;
    };
    expect(description.startsWith(`${HOSTILE}\n`)).toBe(true);
    expect(description).not.toMatch(/&lt;|&amp;/);
    const keys = Object.keys(references);
    expect(keys).toHaveLength(1);
    // Planner's reference keys are the URL with % : . @ # encoded.
    expect(decodeURIComponent(keys[0]!)).toBe(new URL(DOCUMENT_URL).href);
    expect(references[keys[0]!]?.alias).toBe(minutes.fileName);
  });

  it('the To Do task carries the text as typed and links only the https document', async () => {
    const todo = steps('todo.upsert').find(hostileAction);
    const { body } = await bodyOf(todo!, DOCUMENT_URL, minutes);
    const task = body as {
      title: string;
      body: { contentType: string; content: string };
      linkedResources: { webUrl?: string; displayName: string }[];
    };
    expect(task.title).toBe(`OPSG 41/07 ${HOSTILE}`);
    expect(task.body.contentType).toBe('text');
    expect(task.body.content.startsWith(`${HOSTILE}\n`)).toBe(true);
    expect(task.linkedResources[0]?.webUrl).toBe(new URL(DOCUMENT_URL).href);
    expect(task.linkedResources[0]?.displayName).toBe(minutes.fileName);
  });
});
