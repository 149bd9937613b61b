/**
 * @jest-environment jsdom
 */
import { screen } from '@testing-library/react';
import { renderInTab } from '../app/testSupport';
import type { SyncStatus } from '../sync/MeetingSession';
import { SyncStatusBadge, syncStatusText } from './SyncStatusBadge';

describe('SyncStatusBadge', () => {
  it.each<[SyncStatus, string]>([
    [{ state: 'saved' }, 'Saved'],
    [{ state: 'saving', pending: 2 }, 'Saving…'],
    [{ state: 'offline', pending: 4 }, 'Offline — 4 pending'],
    [
      { state: 'refused', pending: 1, code: 'meeting_final', message: 'The meeting is final.' },
      'Refused: The meeting is final.',
    ],
  ])('shows %j as "%s"', (status, text) => {
    expect(syncStatusText(status)).toBe(text);
    renderInTab(<SyncStatusBadge status={status} />);
    expect(screen.getByRole('status', { name: 'Sync status' }).textContent).toBe(text);
  });
});
