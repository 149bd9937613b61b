/**
 * The meeting side: find the online meeting from its join URL, read attendance (paged), read the
 * calendar event's RSVPs, and post to and read the meeting chat.
 */
import {
  expectAllAnswersValid,
  expectGraphError,
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

const meetingPath = () => `/me/onlineMeetings/${encodeURIComponent(h.sandbox.seed!.meeting.id)}`;

describe('when the tab knows only the join URL', () => {
  it('finds the meeting as a collection of one with the URL-encoded filter', async () => {
    const { meeting } = h.sandbox.seed!;
    const response = await h.graph(
      'GET',
      `/me/onlineMeetings?$filter=JoinWebUrl eq '${encodeURIComponent(meeting.joinWebUrl)}'`,
    );
    expect(response.status).toBe(200);
    expect(response.body.value).toHaveLength(1);
    expect(response.body.value[0]).toMatchObject({
      id: meeting.id,
      joinWebUrl: meeting.joinWebUrl,
      subject: meeting.subject,
    });
    expect(response.body.value[0].chatInfo.threadId).toBe(meeting.chatId);
  });

  it('also answers for the organizer by user id (app-only form)', async () => {
    const { meeting, organizer } = h.sandbox.seed!;
    const response = await h.graph(
      'GET',
      `/users/${organizer.id}/onlineMeetings?$filter=JoinWebUrl eq '${encodeURIComponent(meeting.joinWebUrl)}'`,
      {
        token: 'Bearer app',
      },
    );
    expect(response.status).toBe(200);
    expect(response.body.value).toHaveLength(1);
  });

  it('refuses the list without a filter and an unknown filter property', async () => {
    expectGraphError(await h.graph('GET', '/me/onlineMeetings'), 400, 'BadRequest');
    expectGraphError(
      await h.graph('GET', "/me/onlineMeetings?$filter=subject eq 'x'"),
      400,
      'BadRequest',
    );
  });

  it('gets the meeting by id, and calls the teams-js meeting id corrupted', async () => {
    const byId = await h.graph('GET', meetingPath());
    expect(byId.status).toBe(200);
    expect(byId.body.participants.organizer.upn).toBe(h.sandbox.seed!.organizer.mail);
    const contextId = Buffer.from(`0#${h.sandbox.seed!.meeting.chatId}#0`).toString('base64');
    const corrupted = await h.graph('GET', `/me/onlineMeetings/${encodeURIComponent(contextId)}`);
    expectGraphError(corrupted, 400, 'BadRequest');
    expect(corrupted.body.error.message).toBe('Meeting Id is corrupted.');
  });
});

describe('when the organizer reads attendance', () => {
  it('lists reports with empty records, then expands one report', async () => {
    const list = await h.graph('GET', `${meetingPath()}/attendanceReports`);
    expect(list.status).toBe(200);
    expect(list.body.value[0].attendanceRecords).toEqual([]);
    const reportId = h.sandbox.seed!.meeting.reportId;
    const expanded = await h.graph(
      'GET',
      `${meetingPath()}/attendanceReports/${reportId}?$expand=attendanceRecords`,
    );
    expect(expanded.body.attendanceRecords).toHaveLength(12);
    expect(
      expanded.body.attendanceRecords[0].attendanceIntervals[0].durationInSeconds,
    ).toBeGreaterThan(0);
  });

  it('pages the records with an absolute @odata.nextLink carrying a $skiptoken', async () => {
    const reportId = h.sandbox.seed!.meeting.reportId;
    const first = await h.graph(
      'GET',
      `${meetingPath()}/attendanceReports/${reportId}/attendanceRecords`,
    );
    expect(first.body.value).toHaveLength(10);
    const next: string = first.body['@odata.nextLink'];
    expect(next.startsWith(`${h.sandbox.graphBaseUrl}/me/onlineMeetings/`)).toBe(true);
    expect(next).toContain('$skiptoken=');
    const second = await h.fetchUrl(next, { headers: { Authorization: TOKEN } });
    expect(second.body.value).toHaveLength(2);
    expect(second.body['@odata.nextLink']).toBeUndefined();
    const ids = [...first.body.value, ...second.body.value].map(
      (record: { id: string }) => record.id,
    );
    expect(new Set(ids).size).toBe(12);
  });

  it('honours $top as the page size', async () => {
    const reportId = h.sandbox.seed!.meeting.reportId;
    const page = await h.graph(
      'GET',
      `${meetingPath()}/attendanceReports/${reportId}/attendanceRecords?$top=5`,
    );
    expect(page.body.value).toHaveLength(5);
    expect(page.body['@odata.nextLink']).toContain('$top=5');
  });

  it('refuses a non-organizer with 403', async () => {
    const chair = h.sandbox.seed!.users[1]!;
    const response = await h.graph(
      'GET',
      `/users/${chair.id}/onlineMeetings/${encodeURIComponent(h.sandbox.seed!.meeting.id)}/attendanceReports`,
      {
        token: `Bearer user:${chair.id}`,
      },
    );
    expectGraphError(response, 403, 'Forbidden');
  });
});

describe('when the calendar view is read for RSVPs', () => {
  const window = 'startDateTime=2025-01-27T00:00:00Z&endDateTime=2025-01-28T00:00:00Z';

  it('returns the events of the window with attendees and their responses', async () => {
    const response = await h.graph('GET', `/me/calendarView?${window}`);
    expect(response.status).toBe(200);
    const meeting = response.body.value.find(
      (event: { isOnlineMeeting: boolean }) => event.isOnlineMeeting,
    );
    expect(meeting.onlineMeeting.joinUrl).toBe(h.sandbox.seed!.meeting.joinWebUrl);
    const declined = meeting.attendees.filter(
      (a: { status: { response: string } }) => a.status.response === 'declined',
    );
    expect(declined.length).toBeGreaterThanOrEqual(2);
    expect(meeting.attendees.some((a: { type: string }) => a.type === 'resource')).toBe(true);
  });

  it('gives onlineMeeting as null under $select unless isOnlineMeeting is selected too', async () => {
    const without = await h.graph(
      'GET',
      `/me/calendarView?${window}&$select=subject,onlineMeeting,attendees`,
    );
    expect(
      without.body.value.every((event: { onlineMeeting: unknown }) => event.onlineMeeting === null),
    ).toBe(true);
    expect(Object.keys(without.body.value[0]).sort()).toEqual([
      '@odata.etag',
      'attendees',
      'id',
      'onlineMeeting',
      'subject',
    ]);
    const withFlag = await h.graph(
      'GET',
      `/me/calendarView?${window}&$select=subject,onlineMeeting,isOnlineMeeting`,
    );
    expect(
      withFlag.body.value.some((event: { onlineMeeting: unknown }) => event.onlineMeeting !== null),
    ).toBe(true);
  });

  it('requires both bounds, and refuses $filter', async () => {
    const missing = await h.graph('GET', '/me/calendarView?startDateTime=2025-01-27T00:00:00Z');
    expectGraphError(missing, 400, 'ErrorInvalidParameter');
    expect(missing.body.error.message).toBe(
      'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
    );
    expectGraphError(
      await h.graph('GET', `/me/calendarView?${window}&$filter=isOnlineMeeting eq true`),
      400,
      'ErrorInvalidProperty',
    );
  });

  it('shows an attendee their own response on their copy', async () => {
    const declined = h.sandbox.seed!.users[4]!;
    const response = await h.graph('GET', `/users/${declined.id}/calendarView?${window}`, {
      token: 'Bearer app',
    });
    expect(response.body.value).toHaveLength(1);
    expect(response.body.value[0].responseStatus.response).toBe('declined');
  });
});

describe('when the minutes are posted to the meeting chat', () => {
  const chatPath = () => `/chats/${encodeURIComponent(h.sandbox.seed!.meeting.chatId)}`;

  it('reads the chat and its meeting info', async () => {
    const chat = await h.graph('GET', chatPath());
    expect(chat.body.chatType).toBe('meeting');
    expect(chat.body.onlineMeetingInfo.joinWebUrl).toBe(h.sandbox.seed!.meeting.joinWebUrl);
    expect(chat.body.onlineMeetingInfo.calendarEventId).toBe(
      h.sandbox.seed!.meeting.calendarEventId,
    );
  });

  it('answers 201 with the chatMessage, and lists posts newest first', async () => {
    const first = await h.graph('POST', `${chatPath()}/messages`, {
      body: {
        body: { contentType: 'html', content: '<p>Draft minutes of <b>OPSG_41_2501</b></p>' },
      },
    });
    expect(first.status).toBe(201);
    expect(first.body.id).toMatch(/^\d{13}$/);
    expect(first.body.webUrl).toContain('https://teams.microsoft.com/l/message/');
    expect(first.body.from.user.id).toBe(h.sandbox.seed!.organizer.id);
    const second = await h.graph('POST', `${chatPath()}/messages`, {
      body: {
        body: { contentType: 'html', content: '<p>Hello <at id="0">Harriet Cole</at></p>' },
        mentions: [
          {
            id: 0,
            mentionText: 'Harriet Cole',
            mentioned: {
              user: {
                id: h.sandbox.seed!.users[1]!.id,
                displayName: 'Harriet Cole',
                userIdentityType: 'aadUser',
              },
            },
          },
        ],
      },
    });
    expect(second.status).toBe(201);
    const list = await h.graph('GET', `${chatPath()}/messages?$top=1`);
    expect(list.body.value[0].id).toBe(second.body.id);
    expect(list.body['@odata.nextLink']).toBeDefined();
    const rest = await h.fetchUrl(list.body['@odata.nextLink'], {
      headers: { Authorization: TOKEN },
    });
    expect(rest.body.value[0].id).toBe(first.body.id);
  });

  it('refuses a mention without its <at> tag, an empty body, $top over 50, and an app-only token', async () => {
    expectGraphError(
      await h.graph('POST', `${chatPath()}/messages`, {
        body: {
          body: { contentType: 'html', content: '<p>Hello</p>' },
          mentions: [{ id: 0, mentionText: 'x', mentioned: { user: { id: 'x' } } }],
        },
      }),
      400,
    );
    expectGraphError(
      await h.graph('POST', `${chatPath()}/messages`, {
        body: { body: { contentType: 'text', content: ' ' } },
      }),
      400,
    );
    expectGraphError(await h.graph('GET', `${chatPath()}/messages?$top=51`), 400);
    expectGraphError(
      await h.graph('POST', `${chatPath()}/messages`, {
        body: { body: { contentType: 'text', content: 'x' } },
        token: 'Bearer app',
      }),
      403,
    );
  });
});
