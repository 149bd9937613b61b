/**
 * The view overlay: acknowledged ops (in seq order) and pending ones (in the order made) folded
 * on a copy of the confirmed state, their actions without final numbers; and the status, which
 * says Saved only when nothing is left unconfirmed.
 */
import { foldOperations } from '../../domain/foldOperations';
import { meetingView } from '../../domain/meetingView';
import {
  MEETING_ID,
  opsg41Committee,
  opsg41Operations,
  sequence,
} from '../../../test/fixtures/opsg41';
import type { Committee } from '../../domain/committee';
import type { OutgoingOperation, RefusedOperation } from './MeetingSession';
import { meetingSnapshot, overlayView, syncStatusOf } from './viewOverlay';

const log = sequence(opsg41Operations());
const committee: Committee = {
  ...opsg41Committee(),
  id: 'demo-opsg',
  tenantId: 'local',
  version: 1,
  createdAt: '2021-01-01T00:00:00Z',
  updatedAt: '2021-01-01T00:00:00Z',
};
const confirmedView = () => meetingView(foldOperations(MEETING_ID, log), committee);
const itemId = () => confirmedView().agenda.at(-1)!.id;

function op(id: string, type: string, payload: Record<string, unknown>): OutgoingOperation {
  return { id, meetingId: MEETING_ID, clientTime: '2021-01-25T15:00:00Z', type, payload } as never;
}

describe('overlayView', () => {
  it('is the confirmed view when nothing is waiting', () => {
    const overlay = overlayView({
      confirmed: foldOperations(MEETING_ID, log),
      committee,
      acknowledged: [],
      pending: [],
      actor: 'local:ines',
    });
    expect(overlay.view).toEqual(confirmedView());
    expect(overlay.pendingActionIds.size).toBe(0);
  });

  it('folds acknowledged ops by seq, then pending ones, on a copy, numbers left provisional', () => {
    const confirmed = foldOperations(MEETING_ID, log);
    const note = op('o1', 'note.add', { id: 'n-new', itemId: itemId(), text: 'First.' });
    // Acknowledged out of order: seq, not arrival, decides which text wins.
    const edit = op('o2', 'note.update', { id: 'n-new', text: 'Second.' });
    const raise = op('o3', 'action.raise', {
      id: 'a-new',
      itemId: itemId(),
      text: 'The CDS to report.',
      ownerIds: ['cds'],
    });
    const overlay = overlayView({
      confirmed,
      committee,
      acknowledged: [
        { op: edit, seq: confirmed.seq + 2 },
        { op: note, seq: confirmed.seq + 1 },
      ],
      pending: [raise],
      actor: 'local:ines',
    });
    expect(overlay.view.notes.find((n) => n.id === 'n-new')).toMatchObject({
      text: 'Second.',
      author: 'local:ines',
    });
    expect(overlay.view.actions.find((a) => a.id === 'a-new')?.text).toBe('The CDS to report.');
    expect([...overlay.pendingActionIds]).toEqual(['a-new']);
    expect(overlay.view.seq).toBe(confirmed.seq);
    // The confirmed state is untouched.
    expect(meetingView(confirmed, committee)).toEqual(confirmedView());
  });

  it('leaves out an op the fold cannot take', () => {
    const confirmed = foldOperations(MEETING_ID, log);
    const broken = op('o1', 'action.raise', { id: 'a-x', itemId: itemId(), text: 'x' });
    const fine = op('o2', 'note.add', { id: 'n-ok', itemId: itemId(), text: 'Fine.' });
    const { view } = overlayView({
      confirmed,
      committee,
      acknowledged: [],
      pending: [broken, fine],
      actor: '',
    });
    expect(view.notes.some((n) => n.id === 'n-ok')).toBe(true);
  });
});

describe('syncStatusOf', () => {
  const refusal: RefusedOperation = {
    op: op('r1', 'note.add', { id: 'n', itemId: 'i', text: 't' }),
    code: 'forbidden',
    message: 'Only a note-taker or an owner of this committee may add notes.',
    refusedAt: '2021-01-25T15:00:00Z',
  };

  it('says Saved only when nothing is pending and nothing awaits the confirmed log', () => {
    const base = { refused: [], offline: false };
    expect(syncStatusOf({ ...base, pending: 0, unconfirmed: 0 })).toEqual({ state: 'saved' });
    expect(syncStatusOf({ ...base, pending: 0, unconfirmed: 1 })).toEqual({
      state: 'saving',
      pending: 1,
    });
    expect(syncStatusOf({ ...base, pending: 2, unconfirmed: 1 })).toEqual({
      state: 'saving',
      pending: 3,
    });
    expect(syncStatusOf({ refused: [], offline: true, pending: 1, unconfirmed: 1 })).toEqual({
      state: 'offline',
      pending: 2,
    });
  });

  it('shows the last refusal, with the server’s sentence, above everything else', () => {
    expect(syncStatusOf({ refused: [refusal], offline: true, pending: 1, unconfirmed: 0 })).toEqual(
      { state: 'refused', pending: 1, code: 'forbidden', message: refusal.message },
    );
  });

  it('builds the snapshot the pages read', () => {
    const confirmed = foldOperations(MEETING_ID, log);
    const pending = [op('p1', 'note.add', { id: 'n-p', itemId: itemId(), text: 'P.' })];
    const snapshot = meetingSnapshot({
      confirmed,
      committee,
      acknowledged: [],
      pending,
      refused: [refusal],
      actor: 'local:ines',
      offline: false,
    });
    expect(snapshot).toMatchObject({
      lastSeq: confirmed.seq,
      committee,
      refused: [refusal],
      status: { state: 'refused', pending: 1 },
    });
    expect([...snapshot.pendingOpIds]).toEqual(['p1']);
  });
});
