/**
 * @jest-environment jsdom
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  PublishProgressEvent,
  PublishRunState,
  PublishStatus,
} from '../../../contract/graphApi';
import { doneRun, failedRun } from '../../../../test/fixtures/graphProposals';
import { renderInTab } from '../../app/testSupport';
import type { TabApi } from '../../app/TabApi';
import { PublishPanel } from './PublishPanel';

const SECRETARY_STATUS: PublishStatus = {
  canPublish: true,
  reason: null,
  graphMode: 'sandbox',
  inspectorUrl: '/_sandbox',
  lastRun: null,
};

/** The publishing calls, with each run's progress and end in the test's hands. */
function fakeApi(status: PublishStatus) {
  const runs: {
    onProgress: (event: PublishProgressEvent) => void;
    end: (run: PublishRunState) => void;
  }[] = [];
  let starts = 0;
  const api: Pick<TabApi, 'publishStatus' | 'startPublish' | 'followPublish'> = {
    publishStatus: async () => status,
    startPublish: async () => {
      starts += 1;
      return { runId: 'run-1', status: 'running', resumed: starts > 1 };
    },
    followPublish: (_meetingId, _runId, onProgress) =>
      new Promise((resolve) => runs.push({ onProgress, end: resolve })),
  };
  const run = () => {
    const current = runs.at(-1);
    if (!current) throw new Error('No run is being followed.');
    return {
      progress: (event: PublishProgressEvent) => act(() => current.onProgress(event)),
      end: (state: PublishRunState) => act(async () => current.end(state)),
    };
  };
  return { api, run, starts: () => starts };
}

const event = (
  step: number,
  kind: string,
  label: string,
  status: PublishProgressEvent['status'] = 'running',
) => ({
  step,
  of: 25,
  kind,
  label,
  status,
  key: `key-${step}`,
});

describe('the Publish panel', () => {
  it('shows the secretary live progress, then the links to what was published', async () => {
    const user = userEvent.setup();
    const fake = fakeApi(SECRETARY_STATUS);
    renderInTab(<PublishPanel meetingId="demo-opsg-41" api={fake.api} />);
    await user.click(await screen.findByRole('button', { name: 'Publish minutes' }));
    expect(fake.starts()).toBe(1);

    await fake
      .run()
      .progress(event(1, 'document.upload', 'Upload OPSG_41_2501 Draft Minutes.docx'));
    expect(screen.getByText('Step 1 of 25: Uploading the minutes…')).toBeTruthy();
    await fake
      .run()
      .progress(event(1, 'document.upload', 'Upload OPSG_41_2501 Draft Minutes.docx', 'done'));
    await fake
      .run()
      .progress(event(9, 'planner.upsert', 'Create the Planner task for OPSG 41/01', 'retrying'));
    expect(
      screen.getByText('Step 9 of 25: Saving the Planner task (OPSG 41/01), trying again…'),
    ).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Publishing progress' })).toBeTruthy();

    await fake.run().end(doneRun());
    expect(screen.getByText('Published.')).toBeTruthy();
    const published = screen.getByRole('list', { name: 'Published' });
    expect(
      within(published)
        .getByRole('link', { name: 'OPSG_41_2501 Draft Minutes.docx' })
        .getAttribute('href'),
    ).toMatch(/^https:\/\/minutebook\.sharepoint\.com\/.+Draft%20Minutes\.docx$/);
    expect(
      within(published)
        .getByRole('link', { name: 'The post in the meeting chat' })
        .getAttribute('href'),
    ).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/message\//);
    expect(within(published).getAllByRole('link', { name: /^OPSG 41\/0\d$/ })).toHaveLength(6);
    expect(
      screen
        .getByRole('link', { name: 'See what was published in the Graph sandbox' })
        .getAttribute('href'),
    ).toBe('/_sandbox');
    expect(screen.getByRole('button', { name: 'Publish again' })).toBeTruthy();
  });

  it('reports a failure with its step and reason, and Retry resumes the run', async () => {
    const user = userEvent.setup();
    const fake = fakeApi(SECRETARY_STATUS);
    renderInTab(<PublishPanel meetingId="demo-opsg-41" api={fake.api} />);
    await user.click(await screen.findByRole('button', { name: 'Publish minutes' }));
    await fake.run().end(failedRun());

    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain(
      'Publishing stopped at “Create the Planner task for OPSG 41/01”.',
    );
    expect(alert.textContent).toContain('The service is temporarily unavailable.');
    expect(alert.textContent).toContain('8 of 25 steps are done');

    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(fake.starts()).toBe(2);
    await fake.run().end(doneRun());
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('Published.')).toBeTruthy();
  });

  it('tells anyone but the secretary why they cannot publish', async () => {
    const fake = fakeApi({
      ...SECRETARY_STATUS,
      canPublish: false,
      reason:
        "Only the meeting's secretary (Ines Carvalho, or whoever created the meeting) can publish its minutes.",
    });
    renderInTab(<PublishPanel meetingId="demo-opsg-41" api={fake.api} />);
    const button = await screen.findByRole('button', { name: 'Publish minutes' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.getAttribute('aria-describedby')).toBe('publish-explanation');
    expect(document.getElementById('publish-explanation')?.textContent).toMatch(
      /^Only the meeting's secretary/,
    );
    await userEvent.setup().click(button);
    expect(fake.starts()).toBe(0);
  });

  it('follows a run already going when it opens, and shows the last run when it ended', async () => {
    const running = fakeApi({
      ...SECRETARY_STATUS,
      lastRun: { ...doneRun(), status: 'running', completed: 3 },
    });
    const { unmount } = renderInTab(<PublishPanel meetingId="demo-opsg-41" api={running.api} />);
    await screen.findByRole('progressbar', { name: 'Publishing progress' });
    await running.run().progress(event(4, 'chat.post', 'Post the minutes to the meeting chat'));
    expect(screen.getByText('Step 4 of 25: Posting the minutes to the meeting chat…')).toBeTruthy();
    unmount();

    renderInTab(
      <PublishPanel
        meetingId="demo-opsg-41"
        api={fakeApi({ ...SECRETARY_STATUS, lastRun: failedRun() }).api}
      />,
    );
    expect(await screen.findByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('Publishing stopped');
  });
});
