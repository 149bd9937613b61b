/**
 * The inspector shows what was published, escaped: a hostile chat post or subject is text, the
 * HTML preview runs in a sandboxed iframe, and every document version downloads.
 */
import { expectAllAnswersValid, startHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
expectAllAnswersValid(() => h);

const hostile = '<script>alert("x")</script><img src=x onerror="alert(1)"><p>Minutes</p>';

describe('when someone opens /_sandbox after a publish', () => {
  beforeAll(async () => {
    const seed = h.sandbox.seed!;
    await h.graph('POST', `/chats/${encodeURIComponent(seed.meeting.chatId)}/messages`, {
      body: { body: { contentType: 'html', content: hostile } },
    });
    await h.graph('POST', '/me/sendMail', {
      body: {
        message: {
          subject: '<b>OPSG</b> & minutes',
          toRecipients: [{ emailAddress: { address: 'harriet.cole@members.example' } }],
        },
      },
    });
    await h.graph('PUT', `/drives/${seed.site.driveId}/root:/Minutes/<doc>.txt:/content`, {
      raw: 'x',
      headers: { 'Content-Type': 'text/plain' },
    });
    await h.graph('PUT', `/drives/${seed.site.driveId}/root:/Minutes/OPSG_41_2501.txt:/content`, {
      raw: 'Draft minutes',
      headers: { 'Content-Type': 'text/plain' },
    });
  });

  it('escapes every value and previews HTML only inside a sandboxed iframe, under a no-script CSP', async () => {
    const response = await fetch(`${h.sandbox.url}/_sandbox`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toMatch(/<iframe sandbox="" title="[^"]*" srcdoc="&lt;script&gt;/);
    expect(html).toContain('&lt;b&gt;OPSG&lt;/b&gt; &amp; minutes');
  });

  it('links every document version to its bytes', async () => {
    const state = (await (await fetch(`${h.sandbox.url}/_sandbox/state`)).json()) as {
      documents: { path: string; versions: { download: string }[] }[];
      chatPosts: unknown[];
      mails: unknown[];
    };
    const doc = state.documents.find((candidate) => candidate.path === 'Minutes/OPSG_41_2501.txt')!;
    const bytes = await fetch(`${h.sandbox.url}${doc.versions[0]!.download}`);
    expect(await bytes.text()).toBe('Draft minutes');
    expect(bytes.headers.get('content-disposition')).toContain('OPSG_41_2501.txt');
    expect(state.chatPosts).toHaveLength(1);
    expect(state.mails).toHaveLength(1);
  });

  it('publishes the seed ids, and resets to the seed', async () => {
    const seed = (await (await fetch(`${h.sandbox.url}/_sandbox/seed`)).json()) as {
      meeting: { id: string };
    };
    expect(seed.meeting.id).toBe(h.sandbox.seed!.meeting.id);
    const reset = await fetch(`${h.sandbox.url}/_sandbox/reset`, { method: 'POST' });
    expect(((await reset.json()) as { seed: { meeting: { id: string } } }).seed.meeting.id).toBe(
      h.sandbox.seed!.meeting.id,
    );
    const state = (await (await fetch(`${h.sandbox.url}/_sandbox/state`)).json()) as Record<
      string,
      unknown
    >;
    expect(state.chatPosts).toEqual([]);
    expect(state.documents).toEqual([]);
  });
});
