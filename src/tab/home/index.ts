/**
 * The landing page at `/` for a local run: who you are, the meetings and, for each, links to its
 * tab pages (side panel, content, stage) as a browser shows them, and in local mode the Graph
 * sandbox's inspector (what publishing wrote). Plain DOM (textContent only, never HTML from
 * data), no React: it stays a few kilobytes.
 */
interface MeetingEntry {
  id: string;
  reference: string;
  title: string;
  date: string | null;
  status: string;
  lastSeq: number;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
}

const DEMO_MEETING_ID = 'demo-opsg-41';

/** The page's styles, in a style element carrying the CSP nonce the server put in the page. */
function addStyles(): void {
  const style = document.createElement('style');
  const nonce = document.querySelector('meta[name="csp-nonce"]')?.getAttribute('content');
  if (nonce) style.nonce = nonce;
  style.textContent = `body{font-family:system-ui,sans-serif;margin:2rem;background:Canvas;color:CanvasText}
table{border-collapse:collapse}th,td{border:1px solid GrayText;padding:.3rem .6rem;text-align:left}
td a{margin-right:.6rem;white-space:nowrap}td:nth-child(3){white-space:nowrap}`;
  document.head.append(style);
}

function link(text: string, href: string): HTMLAnchorElement {
  const anchor = element('a', text);
  anchor.href = href;
  return anchor;
}

/** The tab pages of one meeting, as a browser plays them (`frame=` picks the Teams frame). */
function meetingPages(meetingId: string): [string, string][] {
  const id = encodeURIComponent(meetingId);
  return [
    ['Side panel', `/tab/meeting.html?meetingId=${id}&frame=sidePanel`],
    ['Before / after', `/tab/meeting.html?meetingId=${id}&frame=content`],
    ['Stage', `/tab/stage.html?meetingId=${id}`],
    ['Minutes', `/api/meetings/${id}/minutes.html`],
  ];
}

interface Me {
  displayName: string;
  authMode: string;
  graph?: { mode: string; inspectorUrl: string | null };
}

function demoLinks(meetings: MeetingEntry[], me: Me): HTMLElement {
  const section = element('section');
  const demo = meetings.find((meeting) => meeting.id === DEMO_MEETING_ID);
  section.append(element('h2', demo ? `Demo meeting ${demo.reference}` : 'Tab pages'));
  const list = element('ul');
  const described: Record<string, string> = {
    'Side panel': 'Side panel: capture during the meeting (best at 320 px wide)',
    'Before / after':
      'Before and after the meeting: agenda, attendance checked against Teams, draft minutes, Publish',
    Stage: 'Stage: what everyone in the meeting sees',
    Minutes: 'Draft minutes (HTML)',
  };
  const pages: [string, string][] = [
    ...(demo
      ? meetingPages(demo.id).map(([text, href]): [string, string] => [
          described[text] ?? text,
          href,
        ])
      : []),
    ['Tab settings: choose or create a meeting', '/tab/settings.html'],
    ['My actions', '/tab/my-actions.html'],
    ...(me.graph?.inspectorUrl
      ? ([
          [
            'Graph sandbox: what publishing wrote to the demo tenant (no Microsoft account needed)',
            me.graph.inspectorUrl,
          ],
        ] as [string, string][])
      : []),
  ];
  for (const [text, href] of pages) {
    const item = element('li');
    item.append(link(text, href));
    list.append(item);
  }
  section.append(list);
  return section;
}

async function render(root: HTMLElement): Promise<void> {
  const [me, { meetings }] = await Promise.all([
    getJson<Me>('/api/me'),
    getJson<{ meetings: MeetingEntry[] }>('/api/meetings'),
  ]);
  root.replaceChildren();
  root.append(
    element('h1', 'Minutebook'),
    element('p', `Signed in as ${me.displayName} (${me.authMode} mode).`),
  );
  const table = element('table');
  const head = element('tr');
  for (const label of ['Reference', 'Title', 'Date', 'Status', 'Ops', 'Pages', 'Data'])
    head.append(element('th', label));
  table.append(head);
  for (const meeting of meetings) {
    const row = element('tr');
    row.append(
      element('td', meeting.reference),
      element('td', meeting.title),
      element('td', meeting.date ?? ''),
      element('td', meeting.status),
      element('td', String(meeting.lastSeq)),
    );
    const pages = element('td');
    for (const [text, href] of meetingPages(meeting.id)) pages.append(link(text, href));
    const data = element('td');
    data.append(link('state (JSON)', `/api/meetings/${encodeURIComponent(meeting.id)}`));
    row.append(pages, data);
    table.append(row);
  }
  root.append(
    demoLinks(meetings, me),
    element('h2', 'Meetings'),
    meetings.length > 0
      ? table
      : element('p', 'No meetings yet: create one in the tab settings or with POST /api/meetings.'),
  );
}

addStyles();
const root = document.getElementById('root');
if (root) {
  render(root).catch((error: unknown) => {
    root.textContent = `Minutebook could not load the meetings: ${String(error)}. Is the server running?`;
  });
}
