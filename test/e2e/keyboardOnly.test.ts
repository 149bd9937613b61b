/**
 * The capture flow with the keyboard alone (docs/keyboard.md), in Debian's Chromium: only
 * `page.keyboard` moves focus and acts (Tab, Shift+Tab, arrow keys, Space, Enter and the Alt
 * shortcuts); no mouse event reaches the page. At several steps the focused element must show a
 * visible focus indicator, and an unfocused twin must not, so the check tells the two apart.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { TestServer } from '../helpers/testServer';
import {
  closeBrowser,
  eventually,
  launchChromium,
  newUserContext,
  openSidePanel,
  pageProblems,
  syncStatus,
  waitForText,
} from './browser';
import {
  createFreshMeeting,
  meetingState,
  SECRETARY_USER,
  startE2eServer,
  stopE2eServer,
  type FreshMeeting,
} from './support';

jest.setTimeout(60_000);

// ---- Code that runs in the page (the test program has no DOM types: these are its shapes) ----

interface PageStyle {
  content: string;
  opacity: string;
  height: string;
  backgroundImage: string;
  backgroundColor: string;
  outlineStyle: string;
  outlineWidth: string;
  outlineColor: string;
  boxShadow: string;
  borderBottomStyle: string;
  borderBottomWidth: string;
  borderBottomColor: string;
  transform: string;
}

interface PageElement {
  tagName: string;
  parentElement: PageElement | null;
  getAttribute(name: string): string | null;
  textContent: string | null;
}

interface PageWindow {
  document: { activeElement: PageElement | null };
  getComputedStyle(element: PageElement, pseudo: string | null): PageStyle;
}

/**
 * Runs in the page: the visible focus indicator drawn on `element` or its parent (Fluent UI draws
 * a field's underline on its wrapper, a checkbox's ring on its root), as a short description, or
 * null when there is none: an outline or a box shadow in a colour that shows on an element that
 * is not transparent, or a border or a filled bar drawn by a ::before/::after not scaled away.
 */
function focusIndicator(element: PageElement | null): string | null {
  if (!element) return null;
  const win = globalThis as unknown as PageWindow;
  const shows = (color: string) => color !== 'transparent' && !/rgba\([^)]*,\s*0\)$/.test(color);
  const width = (value: string) => Number.parseFloat(value) || 0;
  let node: PageElement | null = element;
  for (let depth = 0; node && depth < 2; depth += 1, node = node.parentElement) {
    for (const pseudo of [null, '::before', '::after']) {
      const style = win.getComputedStyle(node, pseudo);
      if (pseudo && (style.content === 'none' || style.content === 'normal')) continue;
      const where = `${node.tagName.toLowerCase()}${pseudo ?? ''}`;
      // Fluent UI hides the native checkbox (opacity 0) and draws its own: its outline never shows.
      if (!pseudo && Number(style.opacity) === 0) break;
      if (style.outlineStyle !== 'none' && width(style.outlineWidth) > 0) {
        if (shows(style.outlineColor))
          return `${where} outline ${style.outlineWidth} ${style.outlineColor}`;
      }
      const shadowColours = style.boxShadow.match(/rgba?\([^)]*\)/g) ?? [];
      if (style.boxShadow !== 'none' && shadowColours.some(shows))
        return `${where} box-shadow ${style.boxShadow}`;
      const scale = /^matrix\(([-\d.e]+)/.exec(style.transform);
      const scaledAway = scale !== null && Number(scale[1]) === 0;
      if (
        pseudo &&
        !scaledAway &&
        style.borderBottomStyle !== 'none' &&
        width(style.borderBottomWidth) > 0 &&
        shows(style.borderBottomColor)
      ) {
        return `${where} border ${style.borderBottomWidth} ${style.borderBottomColor}`;
      }
      const filled = style.backgroundImage !== 'none' || shows(style.backgroundColor);
      if (pseudo && !scaledAway && filled && width(style.height) > 0) {
        return `${where} bar ${style.height} ${style.backgroundImage.slice(0, 60)}`;
      }
    }
  }
  return null;
}

/** Runs in the page: the focused element's aria-label or text, for failure messages. */
function focusedLabel(): string {
  const element = (globalThis as unknown as PageWindow).document.activeElement;
  if (!element) return '(nothing)';
  const label = element.getAttribute('aria-label') ?? element.textContent ?? '';
  return `${element.tagName.toLowerCase()} "${label.trim().slice(0, 50)}"`;
}

/** Runs in the page: whether `element` has the focus. */
function isFocused(element: PageElement): boolean {
  return element === (globalThis as unknown as PageWindow).document.activeElement;
}

// ---- The test ----

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

describe('when the secretary captures with the keyboard alone', () => {
  let meeting: FreshMeeting;
  let secretary: BrowserContext;
  let panel: Page;
  const indicators: Record<string, string> = {};

  beforeAll(async () => {
    meeting = await createFreshMeeting(server.baseUrl);
    secretary = await newUserContext(browser, server.baseUrl, SECRETARY_USER);
    panel = await openSidePanel(secretary, server.baseUrl, meeting.meetingId);
    // Any pointer event reaching the page would mean something other than the keyboard acted.
    await panel.evaluate(() => {
      const win = globalThis as unknown as {
        pointerEvents: number;
        addEventListener(type: string, listener: () => void, capture: boolean): void;
      };
      win.pointerEvents = 0;
      for (const type of ['pointerdown', 'mousedown'])
        win.addEventListener(type, () => (win.pointerEvents += 1), true);
    });
  });

  afterAll(async () => {
    if (process.env.E2E_VERBOSE) console.info('focus indicators', indicators);
    await secretary?.close();
  });

  const hasFocus = (target: Locator) => target.evaluate(isFocused);

  /** Presses `key` until `target` has the focus (at most `limit` presses). */
  async function pressUntilFocused(key: string, target: Locator, limit = 40): Promise<void> {
    const seen: string[] = [];
    for (let press = 0; press < limit; press += 1) {
      await panel.keyboard.press(key);
      if (await hasFocus(target)) return;
      seen.push(await panel.evaluate(focusedLabel));
    }
    throw new Error(`${key} never reached ${String(target)}; focus went: ${seen.join(' → ')}`);
  }

  async function expectFocusOn(target: Locator): Promise<void> {
    await eventually(`the focus on ${String(target)}`, async () =>
      expect({ focused: await hasFocus(target), on: await panel.evaluate(focusedLabel) }).toEqual({
        focused: true,
        on: expect.any(String),
      }),
    );
  }

  /** The focused element shows a focus indicator, and `twin` (same kind, unfocused) does not. */
  async function expectVisibleFocus(step: string, twin: Locator): Promise<void> {
    let shown: string | null = null;
    // Fluent UI animates some indicators in (a field's underline); give it a moment.
    await eventually(
      `a visible focus indicator at "${step}"`,
      async () => {
        const active = await panel.evaluateHandle(
          () => (globalThis as unknown as PageWindow).document.activeElement,
        );
        shown = await active.evaluate(focusIndicator);
        await active.dispose();
        expect(shown).not.toBeNull();
      },
      2000,
    );
    indicators[step] = shown ?? '';
    expect(await hasFocus(twin)).toBe(false);
    expect({ step, unfocusedTwin: await twin.evaluate(focusIndicator) }).toEqual({
      step,
      unfocusedTwin: null,
    });
  }

  it('marks someone present from the roster with Tab, Shift+Tab and Space', async () => {
    await panel.keyboard.press('Alt+R');
    const attendanceTab = panel.getByRole('tab', { name: 'Attendance' });
    await eventually('the attendance tab shown', async () =>
      expect(await attendanceTab.getAttribute('aria-selected')).toBe('true'),
    );

    const present = panel.getByRole('button', { name: 'Mark Harriet Cole present', exact: true });
    await pressUntilFocused('Tab', present);
    await expectVisibleFocus(
      'status button',
      panel.getByRole('button', { name: 'Mark Owen Pryce present', exact: true }),
    );
    await panel.keyboard.press('Space');
    await eventually('Harriet Cole marked present', async () =>
      expect(await present.getAttribute('aria-pressed')).toBe('true'),
    );

    await panel.keyboard.press('Tab');
    await expectFocusOn(panel.getByRole('button', { name: 'Mark Harriet Cole apologies' }));
    await panel.keyboard.press('Shift+Tab');
    await expectFocusOn(present);
  });

  it('moves between the panel tabs with the arrow keys', async () => {
    const attendanceTab = panel.getByRole('tab', { name: 'Attendance' });
    const agendaTab = panel.getByRole('tab', { name: 'Agenda' });
    await pressUntilFocused('Shift+Tab', attendanceTab);
    await expectVisibleFocus('tab', panel.getByRole('tab', { name: 'Outstanding' }));
    await panel.keyboard.press('ArrowLeft');
    await expectFocusOn(agendaTab);
    await panel.keyboard.press('Enter');
    await eventually('the agenda tab shown', async () =>
      expect(await agendaTab.getAttribute('aria-selected')).toBe('true'),
    );
    await panel.getByRole('list', { name: 'Agenda' }).waitFor();
  });

  it('opens the next item with Alt+N and types a note after Alt+T', async () => {
    await panel.keyboard.press('Alt+N');
    await eventually('item 1 open', async () =>
      expect(await panel.getByRole('heading', { level: 2 }).innerText()).toBe(
        '1 Actions Outstanding',
      ),
    );
    await panel.keyboard.press('Alt+T');
    await expectFocusOn(panel.getByRole('textbox', { name: 'Note on item 1' }));
    await expectVisibleFocus('note', panel.getByRole('textbox', { name: 'Action', exact: true }));
    await panel.keyboard.type('The OPSG went through the actions by keyboard.');
  });

  it('records a decision after Alt+D, choosing the verb with the arrow keys', async () => {
    await panel.keyboard.press('Alt+D');
    const decision = panel.getByRole('textbox', { name: 'Decision', exact: true });
    await expectFocusOn(decision);
    await panel.keyboard.press('Shift+Tab');
    const verb = panel.getByRole('combobox', { name: 'Verb' });
    await expectFocusOn(verb);
    await expectVisibleFocus('verb select', panel.getByRole('combobox', { name: /^Speaker/ }));
    await panel.keyboard.press('ArrowDown');
    await eventually('AGREED chosen', async () => expect(await verb.inputValue()).toBe('AGREED'));
    await panel.keyboard.press('Tab');
    await expectFocusOn(decision);
    await panel.keyboard.type('the keyboard-only capture.');
    await panel.keyboard.press('Enter');
    await eventually('the decision listed', async () =>
      expect(
        await panel
          .getByRole('region', { name: 'Decisions', exact: true })
          .getByRole('listitem')
          .allInnerTexts(),
      ).toEqual([expect.stringMatching(/^AGREED\s+the keyboard-only capture\.$/)]),
    );
    expect(await decision.inputValue()).toBe('');
  });

  it('raises an action after Alt+A, ticking its owner with Space and raising it with Ctrl+Enter', async () => {
    await panel.keyboard.press('Alt+A');
    const action = panel.getByRole('textbox', { name: 'Action', exact: true });
    await expectFocusOn(action);
    await panel.keyboard.type('The CDS to send the keyboard report.');
    await panel.keyboard.press('Tab');
    const cds = panel.getByRole('checkbox', { name: 'Owner CDS (Central Data Service)' });
    await expectFocusOn(cds);
    await expectVisibleFocus(
      'owner checkbox',
      panel.getByRole('checkbox', { name: 'Owner CSEC (Code Secretariat)' }),
    );
    await panel.keyboard.press('Space');
    await eventually('CDS ticked', async () => expect(await cds.isChecked()).toBe(true));
    await panel.keyboard.press('Shift+Tab');
    await expectFocusOn(action);
    await panel.keyboard.press('Control+Enter');
    await eventually('the action listed', async () =>
      expect(
        (
          await panel
            .getByRole('region', { name: 'Actions', exact: true })
            .getByRole('listitem')
            .allInnerTexts()
        ).map((entry) => entry.replace(/\s+/g, ' ').trim()),
      ).toEqual([
        expect.stringMatching(
          /^(OPSG 42\/01|pending) The CDS to send the keyboard report\. CDS · by 2021-03-22$/,
        ),
      ]),
    );
    expect(await action.inputValue()).toBe('');
  });

  it('shows the list of shortcuts with Alt+H, with the focus in it, and closes it with Escape', async () => {
    await panel.keyboard.press('Alt+H');
    const list = panel.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await list.waitFor();
    await eventually('the focus in the shortcut list', async () =>
      expect(
        await list.evaluate((element) =>
          element.contains(
            (globalThis as unknown as { document: { activeElement: unknown } }).document
              .activeElement as never,
          ),
        ),
      ).toBe(true),
    );
    expect(await list.getByRole('rowheader').allInnerTexts()).toEqual(
      expect.arrayContaining(['Alt+N', 'Alt+T', 'Alt+D', 'Alt+A', 'Alt+H']),
    );
    await panel.keyboard.press('Escape');
    await list.waitFor({ state: 'detached' });
  });

  it('has stored exactly what was keyed, without a pointer event', async () => {
    await waitForText(syncStatus(panel), /^Saved$/);
    await eventually('the note saved', async () => {
      const state = await meetingState(server.baseUrl, meeting.meetingId);
      expect(state.notes.map((note: { text: string }) => note.text)).toEqual([
        'The OPSG went through the actions by keyboard.',
      ]);
    });
    const state = await meetingState(server.baseUrl, meeting.meetingId);
    const cole = state.attendees[0].people.find(
      (person: { personId: string }) => person.personId === 'm-cole',
    );
    expect(cole.status).toBe('present');
    expect(state.currentItemId).toBe('item-1');
    expect(state.agenda[0].openedAt).toHaveLength(1);
    expect(state.decisions).toEqual([
      expect.objectContaining({
        itemId: 'item-1',
        verb: 'AGREED',
        text: 'the keyboard-only capture.',
      }),
    ]);
    expect(state.actions).toEqual([
      expect.objectContaining({
        actionId: 'OPSG 42/01',
        itemId: 'item-1',
        text: 'The CDS to send the keyboard report.',
        owners: [{ id: 'cds', name: 'CDS' }],
      }),
    ]);
    expect(
      await panel.evaluate(
        () => (globalThis as unknown as { pointerEvents: number }).pointerEvents,
      ),
    ).toBe(0);
    expect(pageProblems(panel).errors).toEqual([]);
  });
});
