/**
 * @jest-environment jsdom
 */
import { InMemoryMeetingSession } from '../../../../test/fakes/InMemoryMeetingSession';
import { MEETING_ID, opsg41Committee, opsg41Operations } from '../../../../test/fixtures/opsg41';
import { listNoteDrafts, saveNoteDraft } from './noteDrafts';
import { recoverNoteDrafts } from './recoverNoteDrafts';

describe('recovering note drafts left by a closed tab', () => {
  beforeEach(() => localStorage.clear());

  it('submits a draft the session never got, updates one it has, and leaves fresh ones', async () => {
    const session = new InMemoryMeetingSession({
      committee: opsg41Committee(),
      operations: opsg41Operations(),
      meetingId: MEETING_ID,
    });
    const submit = session.submit.bind(session);
    const view = session.current().view;
    const item = view.agenda[7]?.id ?? '';
    const existing = view.notes.find((note) => note.itemId === item);
    const now = 1_000_000;
    saveNoteDraft(MEETING_ID, {
      noteId: 'n-lost',
      itemId: item,
      text: 'Typed just before the tab closed.',
      speakerId: null,
      savedAt: now - 60_000,
    });
    saveNoteDraft(MEETING_ID, {
      noteId: existing?.id ?? '',
      itemId: item,
      text: `${existing?.text} And one more sentence.`,
      speakerId: null,
      savedAt: now - 60_000,
    });
    saveNoteDraft(MEETING_ID, {
      noteId: 'n-typing',
      itemId: item,
      text: 'Still being typed in another window.',
      speakerId: null,
      savedAt: now - 1000,
    });

    expect(await recoverNoteDrafts(MEETING_ID, view, submit, now)).toBe(2);
    expect(session.payloadsOf('note.add')).toEqual([
      { id: 'n-lost', itemId: item, text: 'Typed just before the tab closed.', speakerId: null },
    ]);
    expect(session.payloadsOf('note.update')).toEqual([
      { id: existing?.id, text: `${existing?.text} And one more sentence.`, speakerId: null },
    ]);
    expect(listNoteDrafts(MEETING_ID).map((draft) => draft.noteId)).toEqual(['n-typing']);
  });
});
