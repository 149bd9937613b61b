import { formatDate, formatLongDate, formatTimeRange } from './formatDates';

describe('dates in rendered documents', () => {
  it('uses the committee pattern, dd/MM/yyyy by default', () => {
    expect(formatDate('2021-01-05', 'dd/MM/yyyy')).toBe('05/01/2021');
    expect(formatDate('2021-01-05', 'MM/dd/yyyy')).toBe('01/05/2021');
    expect(formatDate('2021-01-05', 'd MMM yy')).toBe('5 Jan 21');
    expect(formatLongDate('2021-02-22')).toBe('22 February 2021');
  });

  it('shows times in the committee time zone, whatever zone the instant was written in', () => {
    expect(formatTimeRange('2021-01-25T13:20:00Z', '2021-01-25T15:35:00Z', 'Europe/London')).toBe(
      '13:20 – 15:35',
    );
    // Summer time: 12:00Z is 13:00 in London.
    expect(formatTimeRange('2021-07-01T12:00:00Z', null, 'Europe/London')).toBe('13:00');
    expect(formatTimeRange('2021-07-01T12:00:00+02:00', null, 'Europe/London')).toBe('11:00');
    expect(formatTimeRange(null, null, 'Europe/London')).toBeNull();
  });
});
