/**
 * @jest-environment jsdom
 */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTab } from '../app/testSupport';
import { AttendanceToggle } from './AttendanceToggle';

describe('AttendanceToggle', () => {
  it('names each button after what it does and presses the recorded status', async () => {
    const user = userEvent.setup();
    const onChange = jest.fn();
    renderInTab(<AttendanceToggle name="Fiona Marsh" status="apologies" onChange={onChange} />);
    const pressed = (name: string) =>
      screen.getByRole('button', { name }).getAttribute('aria-pressed');
    expect(pressed('Mark Fiona Marsh present')).toBe('false');
    expect(pressed('Mark Fiona Marsh apologies')).toBe('true');
    expect(pressed('Mark Fiona Marsh absent')).toBe('false');

    await user.click(screen.getByRole('button', { name: 'Mark Fiona Marsh present' }));
    await user.click(screen.getByRole('button', { name: 'Mark Fiona Marsh apologies' }));
    expect(onChange.mock.calls).toEqual([['present']]);
  });
});
