/**
 * Part attendance through the side panel's roster in a real browser: ticking "Part attendance"
 * and one agenda item for someone not yet marked keeps them counted as present, and the minutes
 * list them with "(Part)" and the item.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
  SECRETARY,
  SECRETARY_USER,
  startE2eServer,
  stopE2eServer,
  type FreshMeeting,
} from './support';

jest.setTimeout(90_000);

let server: TestServer;
let browser: Browser;
let secretary: BrowserContext;
let meeting: FreshMeeting;
let panel: Page;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchChromium();
  meeting = await createFreshMeeting(server.baseUrl);
  secretary = await newUserContext(browser, server.baseUrl, SECRETARY_USER);
  panel = await openSidePanel(secretary, server.baseUrl, meeting.meetingId);
});

afterAll(async () => {
  await secretary?.close();
  await closeBrowser(browser);
  await stopE2eServer(server);
});

/** The count in the heading of the roster group that lists `name`, e.g. "1/1 present". */
async function groupCount(name: string): Promise<string> {
  const group = panel
    .getByRole('region')
    .filter({ has: panel.getByRole('button', { name: `More for ${name}`, exact: true }) });
  return (await group.getByText(/^\d+\/\d+ present$/).innerText({ timeout: 1000 })).trim();
}

describe('part attendance ticked in the roster', () => {
  it('keeps the person present and counted, and the minutes say "(Part) (agenda item 4)"', async () => {
    await panel.getByRole('tab', { name: 'Attendance' }).click();
    const name = 'Owen Pryce';
    const before = await groupCount(name);
    expect(before).toMatch(/^0\/\d+ present$/);

    const row = panel
      .getByRole('listitem')
      .filter({ has: panel.getByRole('button', { name: `More for ${name}`, exact: true }) });
    await row.getByRole('button', { name: `More for ${name}` }).click();
    await row.getByRole('switch', { name: 'Part attendance' }).click();
    await row
      .getByRole('checkbox', { name: `${name} attended item 4: Any Other Business` })
      .click();

    await eventually('the part attendance shown in the roster', async () =>
      expect(await row.innerText({ timeout: 200 })).toContain('Part: item 4'),
    );
    await waitForText(syncStatus(panel), /^Saved$/);
    // Counted: the roster shows them present, and their group's count went up by one.
    expect(
      await panel
        .getByRole('button', { name: `Mark ${name} present`, exact: true })
        .getAttribute('aria-pressed'),
    ).toBe('true');
    expect(await groupCount(name)).toBe(before.replace(/^0\//, '1/'));

    const state = await meetingState(server.baseUrl, meeting.meetingId);
    const pryce = (
      state.attendees as { people: { name: string; status: string; part: boolean }[] }[]
    )
      .flatMap((group) => group.people)
      .find((person) => person.name === name);
    expect(pryce).toMatchObject({ status: 'present', part: true, agendaItemIds: ['item-4'] });

    const minutes = await fetch(`${server.baseUrl}/api/meetings/${meeting.meetingId}/minutes.txt`, {
      headers: SECRETARY,
    });
    expect(minutes.status).toBe(200);
    const text = await minutes.text();
    // Listed among the attendees (the table before "Apologies:"), with the item attended.
    const attendees = text.slice(text.indexOf('**Attendees:**'), text.indexOf('**Apologies:**'));
    expect(attendees).toContain(`| ${name} (Part) (agenda item 4) |`);
    expect(pageProblems(panel).pageErrors).toEqual([]);
  });
});
