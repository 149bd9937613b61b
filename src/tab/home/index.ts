/**
 * The landing page at `/` for a local run: who you are and the meetings you can open. Plain DOM
 * (textContent only, never HTML from data) until the Teams tab arrives with its own pages.
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

async function render(root: HTMLElement): Promise<void> {
  const [me, { meetings }] = await Promise.all([
    getJson<{ displayName: string; authMode: string }>('/api/me'),
    getJson<{ meetings: MeetingEntry[] }>('/api/meetings'),
  ]);
  root.replaceChildren();
  root.append(
    element('h1', 'Minutebook'),
    element('p', `Signed in as ${me.displayName} (${me.authMode} mode).`),
  );
  const table = element('table');
  const head = element('tr');
  for (const label of ['Reference', 'Title', 'Date', 'Status', 'Ops', 'Data'])
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
    const link = element('a', 'state (JSON)');
    link.href = `/api/meetings/${encodeURIComponent(meeting.id)}`;
    const cell = element('td');
    cell.append(link);
    row.append(cell);
    table.append(row);
  }
  root.append(
    meetings.length > 0
      ? table
      : element('p', 'No meetings yet: create one with POST /api/meetings.'),
  );
}

const root = document.getElementById('root');
if (root) {
  render(root).catch((error: unknown) => {
    root.textContent = `Minutebook could not load the meetings: ${String(error)}. Is the server running?`;
  });
}
