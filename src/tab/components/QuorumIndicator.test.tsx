/**
 * @jest-environment jsdom
 */
import { screen } from '@testing-library/react';
import { renderInTab } from '../app/testSupport';
import { QuorumIndicator } from './QuorumIndicator';

const base = { seatsFilled: 4, minimumMembers: 6, categories: [] };

describe('QuorumIndicator', () => {
  it('says "Not quorate" with the summary sentence', () => {
    renderInTab(
      <QuorumIndicator
        quorum={{ ...base, met: false, summary: 'Not quorate: 2 more members needed.' }}
      />,
    );
    expect(screen.getByRole('status', { name: 'Quorum' }).textContent).toBe(
      'Not quorateNot quorate: 2 more members needed.',
    );
  });

  it('says "Quorate" when the rule is met', () => {
    renderInTab(
      <QuorumIndicator
        quorum={{
          ...base,
          met: true,
          seatsFilled: 6,
          summary: 'Quorate: 6 members present, 6 needed.',
        }}
        size="large"
      />,
    );
    expect(screen.getByText('Quorate')).toBeTruthy();
  });
});
