/**
 * A meeting captured live in a real browser: the secretary's side panel (320×800) and a stage
 * viewer (1280×720) in two browser contexts of Debian's Chromium, against the real server.
 *
 * - Every step the stage can show (attendance count and quorum, the current item, decisions,
 *   actions with their numbers) arrives on the stage after the secretary's click. How soon is a
 *   figure of the benchmark (`stageLatencyMs` in bench/parts/tab.mjs), not an assertion here.
 * - A reload in the middle (with an action still unsent and a note typed a moment before)
 *   loses nothing; neither does a spell offline, and every op is stored exactly once.
 * - The server's final state equals the fold of the ops the test meant to make, built here
 *   independently with the domain's own fold from the setup's ops plus those intended ops.
 */
import type { Browser, BrowserContext, Locator, Page, Route } from 'playwright-core';
import {
  foldOperations,
  meetingView,
  parseOperation,
  type Committee,
  type MeetingView,
  type StoredOperation,
} from '../../src/domain';
import { api, type TestServer } from '../helpers/testServer';
import {
  closeBrowser,
  eventually,
  launchChromium,
  newUserContext,
  openSidePanel,
  openStage,
  pageProblems,
  STAGE_VIEWPORT,
  syncStatus,
  waitForText,
} from './browser';
import {
  allOps,
  createFreshMeeting,
  meetingState,
  SECRETARY,
  SECRETARY_USER,
  startE2eServer,
  stopE2eServer,
  type FreshMeeting,
} from './support';

jest.setTimeout(90_000);

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await closeBrowser(browser);
  await stopE2eServer(server);
});

/** The ops the secretary means to make, in order, with ids of the test's own. */
class IntendedOps {
  readonly ops: { id: string; type: string; payload: Record<string, unknown> }[] = [];

  constructor(private readonly meetingId: string) {}

  add(type: string, payload: Record<string, unknown>): void {
    this.ops.push({ id: `intended-${this.ops.length + 1}`, type, payload });
  }

  /** The intended ops as the log would hold them after `afterSeq`, parsed as the server does. */
  stored(afterSeq: number): StoredOperation[] {
    return this.ops.map((raw, index) => {
      const clientTime = new Date(Date.UTC(2021, 1, 22, 13, 30, index)).toISOString();
      const parsed = parseOperation(
        { ...raw, meetingId: this.meetingId, clientTime },
        this.meetingId,
        `local:${SECRETARY_USER}`,
      );
      if (!parsed.ok)
        throw new Error(`Intended op ${raw.type}: ${JSON.stringify(parsed.problems)}`);
      return { ...parsed.value, seq: afterSeq + index + 1, serverTime: clientTime };
    });
  }
}

/** The parts of a meeting that capture decides, with the client-made ids taken out. */
function meaningful(view: MeetingView) {
  const numberOf = new Map(view.agenda.map((item) => [item.id, item.number]));
  const person = (entry: MeetingView['attendees'][number]['people'][number]) => ({
    name: entry.name,
    status: entry.status,
    alternateFor: entry.alternateFor?.name ?? null,
    part: entry.part,
    items: entry.agendaItemIds.map((id) => numberOf.get(id)),
  });
  return {
    attendees: view.attendees.map((group) => ({
      category: group.categoryName,
      people: group.people.map(person),
    })),
    otherParticipants: view.otherParticipants.map((group) => ({
      organisation: group.organisationName,
      people: group.people.map(person),
    })),
    agenda: view.agenda.map((item) => ({
      number: item.number,
      title: item.title,
      timesOpened: item.openedAt.length,
    })),
    currentItem: view.currentItemId ? numberOf.get(view.currentItemId) : null,
    notes: view.notes.map((note) => ({
      item: numberOf.get(note.itemId),
      text: note.text,
      speakerId: note.speakerId,
    })),
    decisions: view.decisions.map((decision) => ({
      item: numberOf.get(decision.itemId),
      verb: decision.verb,
      text: decision.text,
    })),
    actions: view.actions.map((action) => ({
      actionId: action.actionId,
      item: numberOf.get(action.itemId),
      text: action.text,
      owners: action.owners.map((owner) => owner.name),
      assigneeIds: action.assigneeIds,
      targetDate: action.targetDate,
      withdrawn: action.withdrawn,
    })),
    outstanding: view.outstanding.map((entry) => ({
      actionRef: entry.actionRef,
      status: entry.status,
      update: entry.update,
      revisedTargetDate: entry.revisedTargetDate,
    })),
    quorum: { met: view.quorum.met, summary: view.quorum.summary },
  };
}

/** What the stage shows, read the way a viewer reads it. */
class StageView {
  constructor(readonly page: Page) {}

  attendance(): Locator {
    return this.page.getByText(/\bpresent · \d+ people in all$/);
  }

  current(): Locator {
    return this.page.getByRole('list', { name: 'Agenda' }).locator('[aria-current="step"]');
  }

  async texts(section: 'Decisions' | 'Actions'): Promise<string[]> {
    const region = this.page.getByRole('region', { name: new RegExp(`^${section} \\(\\d+\\)$`) });
    const items = await region.getByRole('listitem').allInnerTexts();
    return items.map((text) => text.replace(/\s+/g, ' ').trim());
  }

  async quorum(): Promise<string> {
    return (await this.page.getByRole('status', { name: 'Quorum' }).innerText()).trim();
  }
}

async function text(locator: Locator): Promise<string> {
  return (await locator.innerText({ timeout: 200 })).replace(/\s+/g, ' ').trim();
}

function expectEqual(actual: unknown, expected: unknown): void {
  expect(actual).toEqual(expected);
}

/** The row of one person in the side panel's roster. */
function personRow(panel: Page, name: string): Locator {
  return panel
    .getByRole('listitem')
    .filter({ has: panel.getByRole('button', { name: `More for ${name}`, exact: true }) });
}

/** Clicks a person's status button and waits until the panel shows it pressed. */
async function markAttendance(panel: Page, name: string, status: string): Promise<void> {
  const button = panel.getByRole('button', { name: `Mark ${name} ${status}`, exact: true });
  await button.click();
  await eventually(`${name} shown ${status}`, async () =>
    expectEqual(await button.getAttribute('aria-pressed'), 'true'),
  );
}

interface ActionInput {
  text: string;
  owners: RegExp[];
  assignees?: string[];
  targetDate?: string;
}

/** Fills the side panel's action form (text, owners, assignees, target date). */
async function fillAction(panel: Page, input: ActionInput): Promise<void> {
  const form = panel.getByRole('form', { name: /^Action on item / });
  await form.getByRole('textbox', { name: 'Action', exact: true }).fill(input.text);
  for (const owner of input.owners) {
    const box = form.getByRole('checkbox', { name: owner });
    await box.click();
    await eventually(`owner ${owner} ticked`, async () => expectEqual(await box.isChecked(), true));
  }
  for (const assignee of input.assignees ?? []) {
    const box = form.getByRole('checkbox', { name: assignee, exact: true });
    await box.click();
    await eventually(`assignee ${assignee} ticked`, async () =>
      expectEqual(await box.isChecked(), true),
    );
  }
  if (input.targetDate) await form.getByLabel('Target date').fill(input.targetDate);
}

async function fillDecision(panel: Page, verb: string, decision: string): Promise<void> {
  const form = panel.getByRole('form', { name: /^Decision on item / });
  await form.getByRole('combobox', { name: 'Verb' }).selectOption(verb);
  await form.getByRole('textbox', { name: 'Decision', exact: true }).fill(decision);
}

/** The action entries listed under the side panel's current item. */
async function panelActions(panel: Page): Promise<string[]> {
  const section = panel.getByRole('region', { name: 'Actions', exact: true });
  const items = await section.getByRole('listitem').allInnerTexts();
  return items.map((entry) => entry.replace(/\s+/g, ' ').trim());
}

/** Fails the request that sends ops, as a dropped network would, until the returned undo. */
async function failOpPosts(page: Page): Promise<() => Promise<void>> {
  const matches = (url: URL) => /\/api\/meetings\/[^/]+\/ops$/.test(url.pathname);
  const handler = async (route: Route) => {
    if (route.request().method() === 'POST') await route.abort('internetdisconnected');
    else await route.fallback();
  };
  await page.route(matches, handler);
  return () => page.unroute(matches, handler);
}

/**
 * Keeps the page's live stream from connecting until the returned undo: the ops the server
 * acknowledges can then reach the confirmed log only by the tab's catch-up (`GET /ops`).
 */
async function holdStreams(page: Page): Promise<() => Promise<void>> {
  const matches = (url: URL) => /\/api\/meetings\/[^/]+\/stream$/.test(url.pathname);
  const handler = (route: Route) => route.abort('internetdisconnected');
  await page.route(matches, handler);
  return () => page.unroute(matches, handler);
}

describe('when the secretary captures a meeting while the stage is shared', () => {
  let meeting: FreshMeeting;
  let secretary: BrowserContext;
  let viewer: BrowserContext;
  let panel: Page;
  let stage: StageView;
  let intended: IntendedOps;
  /** Lets the side panel's stream connect again (held from the reload to the last "Saved"). */
  let releaseStreams: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    meeting = await createFreshMeeting(server.baseUrl);
    intended = new IntendedOps(meeting.meetingId);
    secretary = await newUserContext(browser, server.baseUrl, SECRETARY_USER);
    viewer = await newUserContext(browser, server.baseUrl, 'stage.viewer', {
      viewport: STAGE_VIEWPORT,
    });
    panel = await openSidePanel(secretary, server.baseUrl, meeting.meetingId);
    stage = new StageView(await openStage(viewer, server.baseUrl, meeting.meetingId));
  });

  afterAll(async () => {
    await secretary?.close();
    await viewer?.close();
  });

  /** Runs `act`, then waits until `shown` passes on the stage: the change arrived. */
  async function onStage(
    step: string,
    act: () => Promise<void>,
    shown: () => Promise<void>,
  ): Promise<void> {
    await act();
    await eventually(`The stage after "${step}"`, shown);
  }

  it('shows attendance, the alternate and the quorum on the stage after each mark', async () => {
    await expect(stage.attendance().innerText()).resolves.toBe(
      '0 members present · 0 people in all',
    );
    await panel.getByRole('tab', { name: 'Attendance' }).click();

    const present = ['Harriet Cole', 'Owen Pryce', 'Priya Natarajan', 'Fiona Marsh'];
    const ids = ['m-cole', 'm-pryce', 'm-natarajan', 'm-marsh'];
    for (const [index, name] of present.entries()) {
      const count = index + 1;
      await onStage(
        `${name} present`,
        async () => {
          await markAttendance(panel, name, 'present');
          intended.add('attendance.update', { personId: ids[index], status: 'present' });
        },
        async () =>
          expectEqual(
            await text(stage.attendance()),
            `${count} member${count === 1 ? '' : 's'} present · ${count} people in all`,
          ),
      );
    }

    await markAttendance(panel, 'Marcus Webb', 'apologies');
    intended.add('attendance.update', { personId: 'm-webb', status: 'apologies' });

    // An alternate fills Simon Achebe's seat: a meeting-only member, present, in his category.
    await personRow(panel, 'Simon Achebe')
      .getByRole('button', { name: 'More for Simon Achebe' })
      .click();
    await panel.getByRole('textbox', { name: 'Alternate for Simon Achebe' }).fill('Grace Okafor');
    await onStage(
      'alternate Grace Okafor',
      async () => {
        await personRow(panel, 'Simon Achebe')
          .getByRole('button', { name: 'Add alternate' })
          .click();
        intended.add('meetingMember.add', {
          id: 'alt-okafor',
          name: 'Grace Okafor',
          categoryId: 'large',
        });
        intended.add('attendance.update', {
          personId: 'alt-okafor',
          status: 'present',
          alternateForMemberId: 'm-achebe',
        });
        intended.add('attendance.update', { personId: 'm-achebe', status: 'absent' });
      },
      async () => {
        expectEqual(await text(stage.attendance()), '5 members present · 5 people in all');
        expectEqual(await stage.quorum(), expect.stringMatching(/^Not quorate/));
      },
    );
    await expect(text(personRow(panel, 'Grace Okafor'))).resolves.toContain(
      'Alternate for Simon Achebe',
    );

    await onStage(
      'Nadia Brooks present (quorate)',
      async () => {
        await markAttendance(panel, 'Nadia Brooks', 'present');
        intended.add('attendance.update', { personId: 'm-brooks', status: 'present' });
      },
      async () => {
        expectEqual(await text(stage.attendance()), '6 members present · 6 people in all');
        expectEqual(await stage.quorum(), expect.stringMatching(/^Quorate/));
      },
    );

    // Part attendance: Nadia Brooks attends item 2 only (the stage does not show part attendance).
    const brooks = personRow(panel, 'Nadia Brooks');
    await brooks.getByRole('button', { name: 'More for Nadia Brooks' }).click();
    await brooks.getByRole('switch', { name: 'Part attendance' }).click();
    intended.add('attendance.update', { personId: 'm-brooks', part: true });
    const item2 = brooks.getByRole('checkbox', { name: /^Nadia Brooks attended item 2:/ });
    await item2.click();
    intended.add('attendance.update', { personId: 'm-brooks', agendaItemIds: ['item-2'] });
    await eventually('part attendance shown', async () =>
      expect(await text(brooks)).toContain('Part: item 2'),
    );
  });

  it('shows the opened item and the decisions on the stage', async () => {
    await panel.getByRole('tab', { name: 'Agenda' }).click();
    await onStage(
      'open item 1',
      async () => {
        await panel.getByRole('button', { name: /^Open item 1:/ }).click();
        intended.add('agenda.open', { id: 'item-1' });
      },
      async () => {
        expectEqual(await text(stage.current()), '1 Actions Outstanding');
        expect(await text(stage.page.getByRole('status').first())).toContain(
          'Now: 1 Actions Outstanding',
        );
      },
    );

    await panel
      .getByRole('textbox', { name: 'Note on item 1' })
      .fill('The OPSG went through the actions of meeting 41.');
    intended.add('note.add', {
      id: 'note-1',
      itemId: 'item-1',
      text: 'The OPSG went through the actions of meeting 41.',
      speakerId: null,
    });

    await fillDecision(panel, 'NOTED', 'the update on the outstanding actions.');
    await onStage(
      'decision on item 1',
      async () => {
        await panel.getByRole('button', { name: 'Record decision' }).click();
        intended.add('decision.add', {
          id: 'decision-1',
          itemId: 'item-1',
          verb: 'NOTED',
          text: 'the update on the outstanding actions.',
        });
      },
      async () =>
        expectEqual(await stage.texts('Decisions'), [
          '1 NOTED the update on the outstanding actions.',
        ]),
    );
  });

  it('records the update to an outstanding action and closes it', async () => {
    await panel.getByRole('tab', { name: 'Outstanding' }).click();
    const card = panel.getByRole('listitem', { name: 'Outstanding action OPSG 41/02' });
    await card
      .getByRole('textbox', { name: 'Update on OPSG 41/02' })
      .fill('The CDS confirmed the window: 6 March.');
    await card.getByRole('radio', { name: 'Closed' }).click();
    intended.add('outstanding.update', {
      id: 'out-41-02',
      update: 'The CDS confirmed the window: 6 March.',
    });
    intended.add('outstanding.update', { id: 'out-41-02', status: 'closed' });
    await eventually('OPSG 41/02 shown closed', async () => {
      expectEqual(await card.getByRole('radio', { name: 'Closed' }).isChecked(), true);
      expect(await text(card.getByRole('heading'))).toMatch(/^OPSG 41\/02 ?Closed$/);
    });
  });

  it('shows each action with its number on the stage once it is raised', async () => {
    await panel.getByRole('tab', { name: 'Agenda' }).click();
    await onStage(
      'next item (2)',
      async () => {
        await panel.getByRole('button', { name: 'Next item' }).click();
        intended.add('agenda.open', { id: 'item-2' });
      },
      async () => expectEqual(await text(stage.current()), '2 CDS Operational Update'),
    );

    await fillAction(panel, {
      text: 'The CDS to publish the hardware refresh plan.',
      owners: [/^Owner CDS\b/],
      assignees: ['Megan Ross (CDS)'],
    });
    await onStage(
      'action 1',
      async () => {
        await panel.getByRole('button', { name: 'Raise action' }).click();
        intended.add('action.raise', {
          id: 'action-1',
          itemId: 'item-2',
          text: 'The CDS to publish the hardware refresh plan.',
          ownerIds: ['cds'],
          assigneeIds: ['c-ross'],
        });
      },
      async () =>
        expectEqual(await stage.texts('Actions'), [
          'OPSG 42/01 The CDS to publish the hardware refresh plan. CDS · by 2021-03-22',
        ]),
    );

    await fillDecision(panel, 'AGREED', 'that the CDS publishes the plan before the window.');
    await onStage(
      'decision on item 2',
      async () => {
        await panel.getByRole('button', { name: 'Record decision' }).click();
        intended.add('decision.add', {
          id: 'decision-2',
          itemId: 'item-2',
          verb: 'AGREED',
          text: 'that the CDS publishes the plan before the window.',
        });
      },
      async () =>
        expectEqual(
          (await stage.texts('Decisions'))[0],
          '2 AGREED that the CDS publishes the plan before the window.',
        ),
    );

    await onStage(
      'open item 3.1',
      async () => {
        await panel.getByRole('button', { name: /^Open item 3\.1:/ }).click();
        intended.add('agenda.open', { id: 'item-3-1' });
      },
      async () => expectEqual(await text(stage.current()), '3.1 Registration Data Incident Report'),
    );

    await fillAction(panel, {
      text: 'CSEC to add the incident figures to the dashboard.',
      owners: [/^Owner CSEC\b/],
      targetDate: '2021-04-19',
    });
    await onStage(
      'action 2',
      async () => {
        await panel.getByRole('button', { name: 'Raise action' }).click();
        intended.add('action.raise', {
          id: 'action-2',
          itemId: 'item-3-1',
          text: 'CSEC to add the incident figures to the dashboard.',
          ownerIds: ['csec'],
          assigneeIds: [],
          targetDate: '2021-04-19',
        });
      },
      async () =>
        expectEqual(
          (await stage.texts('Actions'))[0],
          'OPSG 42/02 CSEC to add the incident figures to the dashboard. CSEC · by 2021-04-19',
        ),
    );

    await fillAction(panel, {
      text: 'The CDS and CSP N to agree the registration data fix.',
      owners: [/^Owner CDS\b/, /^Owner CSP N\b/],
    });
    await onStage(
      'action 3',
      async () => {
        await panel.getByRole('button', { name: 'Raise action' }).click();
        intended.add('action.raise', {
          id: 'action-3',
          itemId: 'item-3-1',
          text: 'The CDS and CSP N to agree the registration data fix.',
          ownerIds: ['cds', 'cspn'],
          assigneeIds: [],
        });
      },
      async () =>
        expectEqual(await stage.texts('Actions'), [
          'OPSG 42/03 The CDS and CSP N to agree the registration data fix. CDS/CSP N · by 2021-03-22',
          'OPSG 42/02 CSEC to add the incident figures to the dashboard. CSEC · by 2021-04-19',
          'OPSG 42/01 The CDS to publish the hardware refresh plan. CDS · by 2021-03-22',
        ]),
    );
    expectEqual(await panelActions(panel), [
      'OPSG 42/02 CSEC to add the incident figures to the dashboard. CSEC · by 2021-04-19',
      'OPSG 42/03 The CDS and CSP N to agree the registration data fix. CDS/CSP N · by 2021-03-22',
    ]);
  });

  it('loses nothing when the side panel is reloaded with an unsent action and a note just typed', async () => {
    const restore = await failOpPosts(panel);
    await fillAction(panel, {
      text: 'TAG to review the test plan for the fix.',
      owners: [/^Owner TAG\b/],
    });
    await panel.getByRole('button', { name: 'Raise action' }).click();
    intended.add('action.raise', {
      id: 'action-4',
      itemId: 'item-3-1',
      text: 'TAG to review the test plan for the fix.',
      ownerIds: ['tag'],
      assigneeIds: [],
    });
    await waitForText(syncStatus(panel), /^Offline — 1 pending$/);
    expect(await panelActions(panel)).toContain(
      'pending TAG to review the test plan for the fix. TAG · by 2021-03-22',
    );

    // A note typed and the page reloaded at once: before the autosave's pause has passed.
    await panel
      .getByRole('textbox', { name: 'Note on item 3.1' })
      .fill('CSEC said the incidents fell by a third.');
    intended.add('note.add', {
      id: 'note-2',
      itemId: 'item-3-1',
      text: 'CSEC said the incidents fell by a third.',
      speakerId: null,
    });
    // The reloaded panel gets no live stream until the offline test below has seen "Saved": an
    // open stream outlives the browser going offline, so it is held from here.
    releaseStreams = await holdStreams(panel);
    await panel.reload({ waitUntil: 'domcontentloaded' });
    await panel.getByRole('tablist', { name: 'Capture' }).waitFor({ timeout: 20_000 });

    // The note and the unsent action are still here (still unsent: the network still fails).
    await eventually(
      'the note typed before the reload',
      async () =>
        expect(
          await panel.getByRole('list', { name: 'Notes on item 3.1' }).innerText({ timeout: 200 }),
        ).toContain('CSEC said the incidents fell by a third.'),
      15_000,
    );
    await waitForText(syncStatus(panel), /^Offline — 2 pending$/);
    expectEqual(await panelActions(panel), [
      'OPSG 42/02 CSEC to add the incident figures to the dashboard. CSEC · by 2021-04-19',
      'OPSG 42/03 The CDS and CSP N to agree the registration data fix. CDS/CSP N · by 2021-03-22',
      'pending TAG to review the test plan for the fix. TAG · by 2021-03-22',
    ]);
    const stored = await allOps(server.baseUrl, meeting.meetingId);
    expect(stored.filter((op) => op.seq > meeting.setupSeq)).toHaveLength(intended.ops.length - 2);

    // Offline before the failing route goes, so the queued ops wait for the offline test below.
    await secretary.setOffline(true);
    await restore();
  });

  it('keeps capturing offline, says how much is pending, and sends every op once when back', async () => {
    await panel.getByRole('button', { name: 'Next item' }).click();
    intended.add('agenda.open', { id: 'item-4' });
    await eventually('item 4 current in the panel', async () =>
      expect(await text(panel.getByRole('heading', { level: 2 }))).toBe('4 Any Other Business'),
    );
    await waitForText(syncStatus(panel), /^Offline — 3 pending$/);

    await panel
      .getByRole('textbox', { name: 'Note on item 4' })
      .fill('No other business was raised.');
    intended.add('note.add', {
      id: 'note-3',
      itemId: 'item-4',
      text: 'No other business was raised.',
      speakerId: null,
    });
    await waitForText(syncStatus(panel), /^Offline — 4 pending$/);

    await fillDecision(panel, 'APPROVED', 'the minutes of meeting 41.');
    await panel.getByRole('button', { name: 'Record decision' }).click();
    intended.add('decision.add', {
      id: 'decision-3',
      itemId: 'item-4',
      verb: 'APPROVED',
      text: 'the minutes of meeting 41.',
    });
    await waitForText(syncStatus(panel), /^Offline — 5 pending$/);

    await fillAction(panel, {
      text: 'DfEN to confirm the date of the next review.',
      owners: [/^Owner DfEN\b/],
    });
    await panel.getByRole('button', { name: 'Raise action' }).click();
    intended.add('action.raise', {
      id: 'action-5',
      itemId: 'item-4',
      text: 'DfEN to confirm the date of the next review.',
      ownerIds: ['dfen'],
      assigneeIds: [],
    });
    await waitForText(syncStatus(panel), /^Offline — 6 pending$/);
    expectEqual(await panelActions(panel), [
      'pending DfEN to confirm the date of the next review. DfEN · by 2021-03-22',
    ]);
    // Nothing reached the server or the stage while offline.
    expect((await allOps(server.baseUrl, meeting.meetingId)).at(-1)?.seq).toBe(
      meeting.setupSeq + intended.ops.length - 6,
    );
    expectEqual(await text(stage.current()), '3.1 Registration Data Incident Report');

    // Back online with the stream still held: the POSTs are answered at once, and the ops reach
    // the confirmed log only by the catch-up a moment later. "Saved" waits for that, so the
    // number shown with it is final.
    await secretary.setOffline(false);
    await waitForText(syncStatus(panel), /^Saved$/, 20_000);
    expectEqual(await panelActions(panel), [
      'OPSG 42/05 DfEN to confirm the date of the next review. DfEN · by 2021-03-22',
    ]);
    await releaseStreams();
    await eventually('the stage caught up', async () => {
      expectEqual(await text(stage.current()), '4 Any Other Business');
      expectEqual((await stage.texts('Actions')).slice(0, 2), [
        'OPSG 42/05 DfEN to confirm the date of the next review. DfEN · by 2021-03-22',
        'OPSG 42/04 TAG to review the test plan for the fix. TAG · by 2021-03-22',
      ]);
    });

    const ops = (await allOps(server.baseUrl, meeting.meetingId)).filter(
      (op) => op.seq > meeting.setupSeq,
    );
    const ids = ops.map((op) => op.id);
    expect(new Set(ids).size).toBe(ids.length);
    expectEqual(
      ops.map((op) => op.type),
      intended.ops.map((op) => op.type),
    );
  });

  it('ends with the state that folding the intended ops gives', async () => {
    const committee = await api<Committee>(
      server.baseUrl,
      'GET',
      `/api/committees/${meeting.committeeId}`,
      {
        headers: SECRETARY,
      },
    );
    expect(committee.status).toBe(200);
    const setup = (await allOps(server.baseUrl, meeting.meetingId)).filter(
      (op) => op.seq <= meeting.setupSeq,
    );
    const expected = meetingView(
      foldOperations(meeting.meetingId, [...setup, ...intended.stored(meeting.setupSeq)]),
      committee.body,
    );
    const actual = (await meetingState(server.baseUrl, meeting.meetingId)) as MeetingView;
    expect(actual.ignored).toEqual([]);
    expect(meaningful(actual)).toEqual(meaningful(expected));
    // The fold of the intended ops is what the test set out to capture (a check on the fixture).
    expect(meaningful(expected)).toMatchObject({
      currentItem: '4',
      quorum: { met: true },
      actions: [
        { actionId: 'OPSG 42/01', owners: ['CDS'], assigneeIds: ['c-ross'] },
        { actionId: 'OPSG 42/02', targetDate: '2021-04-19' },
        { actionId: 'OPSG 42/03', owners: ['CDS', 'CSP N'] },
        { actionId: 'OPSG 42/04', item: '3.1' },
        { actionId: 'OPSG 42/05', item: '4' },
      ],
      outstanding: [
        {
          actionRef: 'OPSG 41/02',
          status: 'closed',
          update: 'The CDS confirmed the window: 6 March.',
        },
        { actionRef: 'OPSG 41/05', status: 'open', update: null },
      ],
    });
    const large = meaningful(expected).attendees.find(
      (group) => group.category === 'Large Suppliers',
    );
    expect(large?.people).toEqual(
      expect.arrayContaining([
        {
          name: 'Grace Okafor',
          status: 'present',
          alternateFor: 'Simon Achebe',
          part: false,
          items: [],
        },
        { name: 'Simon Achebe', status: 'absent', alternateFor: null, part: false, items: [] },
        { name: 'Nadia Brooks', status: 'present', alternateFor: null, part: true, items: ['2'] },
        { name: 'Marcus Webb', status: 'apologies', alternateFor: null, part: false, items: [] },
      ]),
    );
    expect(pageProblems(panel).pageErrors).toEqual([]);
    expect(pageProblems(stage.page).pageErrors).toEqual([]);
    expect(pageProblems(stage.page).errors).toEqual([]);
  });
});

describe('when the side panel dies a moment after a note is typed', () => {
  it('saves the note from its draft once the panel is open again', async () => {
    const meeting = await createFreshMeeting(server.baseUrl);
    const secretary = await newUserContext(browser, server.baseUrl, SECRETARY_USER);
    try {
      const panel = await openSidePanel(secretary, server.baseUrl, meeting.meetingId);
      await panel.getByRole('button', { name: /^Open item 2:/ }).click();
      await panel
        .getByRole('textbox', { name: 'Note on item 2' })
        .fill('The CDS reported a quiet month.');
      // The renderer dies at once: no pagehide, no autosave; only the typed draft is left.
      let crashed = false;
      panel.on('crash', () => {
        crashed = true;
      });
      await panel.goto('chrome://crash').catch(() => undefined);
      await eventually('the side panel crashed', () => expect(crashed).toBe(true));
      expect((await meetingState(server.baseUrl, meeting.meetingId)).notes).toEqual([]);

      const reopened = await openSidePanel(secretary, server.baseUrl, meeting.meetingId);
      await eventually(
        'the note saved from its draft',
        async () => {
          const state = await meetingState(server.baseUrl, meeting.meetingId);
          expect(state.notes.map((note: { text: string }) => note.text)).toEqual([
            'The CDS reported a quiet month.',
          ]);
        },
        15_000,
      );
      await expect(
        reopened.getByRole('list', { name: 'Notes on item 2' }).innerText(),
      ).resolves.toContain('The CDS reported a quiet month.');
      await waitForText(syncStatus(reopened), /^Saved$/);
    } finally {
      await secretary.close();
    }
  });
});
