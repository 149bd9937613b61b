import {
  agendaTimeline,
  intersectSpans,
  mergeSpans,
  spanLength,
  type AgendaItemTimeline,
} from './agendaTimeline';
import type { AgendaItemView } from './meetingView';

const t = (time: string) => `2024-03-04T${time}:00Z`;

function item(
  id: string,
  number: string,
  openedAt: string[],
  parentId: string | null = null,
): AgendaItemView {
  return {
    id,
    number,
    depth: parentId ? 1 : 0,
    parentId,
    title: `Item ${number}`,
    presenter: null,
    openedAt: openedAt.map(t),
  };
}

const spans = (timeline: AgendaItemTimeline[], id: string, own = false) => {
  const entry = timeline.find((e) => e.itemId === id);
  return (own ? entry?.ownIntervals : entry?.intervals)?.map(
    (i) => `${i.start.slice(11, 16)}-${i.end.slice(11, 16)}`,
  );
};

describe('agendaTimeline', () => {
  it('runs each item from its opening to the next opening of any item, the last to the end', () => {
    const timeline = agendaTimeline(
      { agenda: [item('a', '1', ['10:00']), item('b', '2', ['10:20']), item('c', '3', ['10:45'])] },
      t('11:00'),
    );
    expect(spans(timeline, 'a')).toEqual(['10:00-10:20']);
    expect(spans(timeline, 'b')).toEqual(['10:20-10:45']);
    expect(spans(timeline, 'c')).toEqual(['10:45-11:00']);
    expect(timeline.map((e) => e.seconds)).toEqual([1200, 1500, 900]);
  });

  it('gives a reopened item several intervals', () => {
    const timeline = agendaTimeline(
      { agenda: [item('a', '1', ['10:00', '10:40']), item('b', '2', ['10:20'])] },
      t('11:00'),
    );
    expect(spans(timeline, 'a')).toEqual(['10:00-10:20', '10:40-11:00']);
    expect(spans(timeline, 'b')).toEqual(['10:20-10:40']);
  });

  it('counts a sub-item for itself and its parent', () => {
    const timeline = agendaTimeline(
      {
        agenda: [
          item('p', '3', ['10:00']),
          item('p1', '3.1', ['10:05'], 'p'),
          item('p2', '3.2', ['10:15'], 'p'),
          item('q', '4', ['10:30']),
        ],
      },
      t('11:00'),
    );
    expect(spans(timeline, 'p', true)).toEqual(['10:00-10:05']);
    expect(spans(timeline, 'p')).toEqual(['10:00-10:30']);
    expect(spans(timeline, 'p1')).toEqual(['10:05-10:15']);
    expect(spans(timeline, 'p2')).toEqual(['10:15-10:30']);
  });

  it('joins an item reopened while already current, and leaves unopened items empty', () => {
    const timeline = agendaTimeline(
      { agenda: [item('a', '1', ['10:00', '10:10']), item('b', '2', [])] },
      t('10:30'),
    );
    expect(spans(timeline, 'a')).toEqual(['10:00-10:30']);
    expect(spans(timeline, 'b')).toEqual([]);
  });

  it('cuts openings at the meeting end and skips unreadable times', () => {
    const agenda = [item('a', '1', ['10:00']), item('b', '2', ['11:10']), item('c', '3', [])];
    agenda[2]?.openedAt.push('not a time');
    const timeline = agendaTimeline({ agenda }, t('11:00'));
    expect(spans(timeline, 'a')).toEqual(['10:00-11:00']);
    expect(spans(timeline, 'b')).toEqual([]);
    expect(spans(timeline, 'c')).toEqual([]);
  });

  it('gives two items opened at the same instant to the later one in the agenda', () => {
    const timeline = agendaTimeline(
      { agenda: [item('a', '1', ['10:00']), item('b', '2', ['10:00'])] },
      t('10:30'),
    );
    expect(spans(timeline, 'a')).toEqual([]);
    expect(spans(timeline, 'b')).toEqual(['10:00-10:30']);
  });
});

describe('time spans', () => {
  it('merges, intersects and measures', () => {
    expect(
      mergeSpans([
        { start: 5, end: 8 },
        { start: 1, end: 3 },
        { start: 3, end: 4 },
        { start: 7, end: 9 },
        { start: 10, end: 10 },
      ]),
    ).toEqual([
      { start: 1, end: 4 },
      { start: 5, end: 9 },
    ]);
    expect(
      intersectSpans(
        [
          { start: 0, end: 10 },
          { start: 20, end: 30 },
        ],
        [{ start: 5, end: 25 }],
      ),
    ).toEqual([
      { start: 5, end: 10 },
      { start: 20, end: 25 },
    ]);
    expect(
      spanLength([
        { start: 0, end: 10 },
        { start: 5, end: 15 },
      ]),
    ).toBe(15);
  });
});
