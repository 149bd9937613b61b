/**
 * @jest-environment jsdom
 */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTab } from '../app/testSupport';
import type { RefusedOperation } from '../sync/MeetingSession';
import { RefusedChanges } from './RefusedChanges';

const refused: RefusedOperation = {
  op: {
    id: 'op-1',
    meetingId: 'm-1',
    clientTime: '2021-01-25T15:40:00Z',
    type: 'note.add',
    payload: { id: 'n-1', itemId: 'i-8', text: 'A late note.' },
  },
  code: 'meeting_final',
  message: 'The meeting is final and locked.',
  refusedAt: '2021-01-25T15:41:00Z',
};

describe('RefusedChanges', () => {
  it("shows the refused change's text with the reason, and dismisses on request", async () => {
    const user = userEvent.setup();
    const onDismiss = jest.fn();
    renderInTab(<RefusedChanges refused={[refused]} onDismiss={onDismiss} />);
    expect(screen.getByText('1 change was refused.')).toBeTruthy();
    expect(screen.getByText(/The meeting is final and locked\./)).toBeTruthy();
    expect(screen.getByText('note.add: A late note.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(onDismiss).toHaveBeenCalled();
  });

  it('shows nothing when nothing was refused', () => {
    const { container } = renderInTab(<RefusedChanges refused={[]} />);
    expect(container.textContent).toBe('');
  });
});
