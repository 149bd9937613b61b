/**
 * On start, submits the note drafts a previous run left behind (the tab closed between a
 * keystroke and the save). Drafts younger than `minAgeMs` may belong to an editor that is still
 * typing in another window, so they are left to it.
 */
import type { MeetingView } from '../../../domain';
import type { Submit } from '../../components/submit';
import { clearNoteDraft, listNoteDrafts } from './noteDrafts';

export async function recoverNoteDrafts(
  meetingId: string,
  view: MeetingView,
  submit: Submit,
  now = Date.now(),
  minAgeMs = 5000,
): Promise<number> {
  let recovered = 0;
  for (const draft of listNoteDrafts(meetingId)) {
    if (now - (draft.savedAt ?? 0) < minAgeMs) continue;
    const existing = view.notes.find((note) => note.id === draft.noteId);
    const unchanged =
      existing !== undefined &&
      existing.text === draft.text &&
      existing.speakerId === draft.speakerId;
    if (draft.text.trim() !== '' && !unchanged) {
      if (existing) {
        await submit('note.update', {
          id: draft.noteId,
          text: draft.text,
          speakerId: draft.speakerId,
        });
      } else {
        await submit('note.add', {
          id: draft.noteId,
          itemId: draft.itemId,
          text: draft.text,
          speakerId: draft.speakerId,
        });
      }
      recovered += 1;
    }
    clearNoteDraft(meetingId, draft.noteId);
  }
  return recovered;
}
