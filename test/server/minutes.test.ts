/**
 * The draft minutes over HTTP: the demo meeting as a Word document, as e-mail HTML and as text,
 * each with the file name the secretariat uses ("OPSG_41_2501 Draft Minutes.docx").
 */
import JSZip from 'jszip';
import { seedDemoData, DEMO_MEETING_ID, DEMO_SECRETARY } from '../../src/server/seedDemoData';
import { api, startTestServer, type TestServer } from '../helpers/testServer';

let server: TestServer;
const secretary = { 'x-minutebook-user': DEMO_SECRETARY.userId.replace('local:', '') };

beforeAll(async () => {
  server = await startTestServer();
  expect(await seedDemoData(server.committees, server.meetings)).toBe(true);
});

afterAll(async () => {
  await server.close();
});

async function download(path: string): Promise<Response> {
  return fetch(`${server.baseUrl}${path}`, { headers: secretary });
}

describe('when the secretary downloads the draft minutes of the demo meeting', () => {
  it('gets a Word document named after the reference', async () => {
    const response = await download(`/api/meetings/${DEMO_MEETING_ID}/minutes.docx`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="OPSG_41_2501 Draft Minutes.docx"; filename*=UTF-8''OPSG_41_2501%20Draft%20Minutes.docx`,
    );
    const zip = await JSZip.loadAsync(await response.arrayBuffer());
    const document = await zip.file('word/document.xml')?.async('string');
    expect(document).toContain('OPSG_41_2501');
    expect(document).toContain('ACTION OPSG 41/06:');
  });

  it('gets the e-mail HTML, served so that no script could run', async () => {
    const response = await download(`/api/meetings/${DEMO_MEETING_ID}/minutes.html`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('content-disposition')).toContain(
      'filename="OPSG_41_2501 Draft Minutes.html"',
    );
    const html = await response.text();
    expect(html).toContain('OPSG 41/01');
    expect(html).toContain('Grace Okafor (Alternate for Simon Achebe)');
  });

  it('gets the text form for previews and diffs', async () => {
    const response = await download(`/api/meetings/${DEMO_MEETING_ID}/minutes.txt`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain(
      'filename="OPSG_41_2501 Draft Minutes.txt"',
    );
    expect(await response.text()).toContain('3.1. Registration Data Incident Report');
  });

  it('reflects a change at once: a re-dated meeting gets a new file name', async () => {
    // Not a new number: the meeting has actions, whose IDs (OPSG 41/01…) must never change.
    const redated = await api(server.baseUrl, 'PATCH', `/api/meetings/${DEMO_MEETING_ID}`, {
      body: { date: '2021-01-26' },
      headers: secretary,
    });
    expect(redated.status).toBe(200);
    const response = await download(`/api/meetings/${DEMO_MEETING_ID}/minutes.docx`);
    expect(response.headers.get('content-disposition')).toContain(
      'filename="OPSG_41_2601 Draft Minutes.docx"',
    );
  });
});

describe('when the meeting does not exist', () => {
  it.each(['docx', 'html', 'txt'])('answers 404 not_found for minutes.%s', async (format) => {
    const response = await api(
      server.baseUrl,
      'GET',
      `/api/meetings/no-such-meeting/minutes.${format}`,
    );
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'not_found' });
  });
});

describe('when the Teams tab needs the minutes in a frame or a download, where no token can be sent', () => {
  async function links(meetingId = DEMO_MEETING_ID) {
    const response = await api(server.baseUrl, 'POST', `/api/meetings/${meetingId}/minutes-links`, {
      headers: secretary,
      body: {},
    });
    return response;
  }

  it('issues links valid for ten minutes that work without credentials', async () => {
    const response = await links();
    expect(response.status).toBe(200);
    const expiresIn = Date.parse(response.body.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(9 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(10 * 60_000);
    const docx = await fetch(`${server.baseUrl}${response.body.links.docx}`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toContain('Draft Minutes.docx');
    const html = await fetch(`${server.baseUrl}${response.body.links.html}`);
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await html.text()).toContain('Grace Okafor (Alternate for Simon Achebe)');
  });

  it('refuses a link whose signature, meeting or format was changed', async () => {
    const { body } = await links();
    const tampered = [
      body.links.html.replace(/sig=[^&]+/, 'sig=AAAA'),
      body.links.html.replace('minutes.html', 'minutes.txt'),
      body.links.html.replace(DEMO_MEETING_ID, 'another-meeting'),
      body.links.html.replace(/tid=[^&]+/, 'tid=other-tenant'),
      body.links.html.replace(
        /exp=(\d+)/,
        (_all: string, exp: string) => `exp=${Number(exp) + 3600}`,
      ),
    ];
    for (const link of tampered) {
      const response = await fetch(`${server.baseUrl}${link}`);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: 'link_invalid' });
    }
  });

  it('refuses a link once it has expired', async () => {
    let clock = new Date('2026-11-24T10:00:00Z');
    const timed = await startTestServer({}, { now: () => clock });
    try {
      expect(await seedDemoData(timed.committees, timed.meetings)).toBe(true);
      const issued = await api(
        timed.baseUrl,
        'POST',
        `/api/meetings/${DEMO_MEETING_ID}/minutes-links`,
        { body: {} },
      );
      expect((await fetch(`${timed.baseUrl}${issued.body.links.txt}`)).status).toBe(200);
      clock = new Date('2026-11-24T10:10:01Z');
      expect((await fetch(`${timed.baseUrl}${issued.body.links.txt}`)).status).toBe(403);
    } finally {
      await timed.close();
    }
  });

  it('issues no links for a meeting the caller cannot see', async () => {
    expect((await links('no-such-meeting')).status).toBe(404);
  });

  it('issues links to members only: someone without a role gets 403 forbidden', async () => {
    const member = await api(
      server.baseUrl,
      'POST',
      `/api/meetings/${DEMO_MEETING_ID}/minutes-links`,
      {
        user: 'fiona.marsh',
        body: {},
      },
    );
    expect(member.status).toBe(200);
    const stranger = await api(
      server.baseUrl,
      'POST',
      `/api/meetings/${DEMO_MEETING_ID}/minutes-links`,
      { user: 'mallory', body: {} },
    );
    expect(stranger.status).toBe(403);
    expect(stranger.body).toMatchObject({ code: 'forbidden' });
    expect(stranger.body.message).toContain('Operations Group');
    const minutes = await api(
      server.baseUrl,
      'GET',
      `/api/meetings/${DEMO_MEETING_ID}/minutes.txt`,
      {
        user: 'mallory',
      },
    );
    expect(minutes.status).toBe(403);
  });
});
