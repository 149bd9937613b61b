/**
 * A synchronous safety copy of the note being typed (localStorage), written on every keystroke
 * and dropped once the session holds the text. If the tab dies between a keystroke and the
 * outbox write, the next start submits what was left. Storage may be blocked: then it is a no-op.
 */
export interface NoteDraft {
  noteId: string;
  itemId: string;
  text: string;
  speakerId: string | null;
  /** When the draft was last written (ms since the epoch). */
  savedAt: number;
}

const PREFIX = 'minutebook:note-draft:';

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

const keyOf = (meetingId: string, noteId: string) => `${PREFIX}${meetingId}:${noteId}`;

export function saveNoteDraft(meetingId: string, draft: NoteDraft): void {
  try {
    storage()?.setItem(keyOf(meetingId, draft.noteId), JSON.stringify(draft));
  } catch {
    // Quota or blocked storage: the debounced submit still saves the note.
  }
}

export function clearNoteDraft(meetingId: string, noteId: string): void {
  try {
    storage()?.removeItem(keyOf(meetingId, noteId));
  } catch {
    // Nothing to clear.
  }
}

export function listNoteDrafts(meetingId: string): NoteDraft[] {
  const store = storage();
  if (!store) return [];
  const drafts: NoteDraft[] = [];
  try {
    for (let index = 0; index < store.length; index += 1) {
      const key = store.key(index);
      if (!key?.startsWith(`${PREFIX}${meetingId}:`)) continue;
      const value = JSON.parse(store.getItem(key) ?? 'null') as NoteDraft | null;
      if (value && typeof value.noteId === 'string' && typeof value.text === 'string')
        drafts.push(value);
    }
  } catch {
    return drafts;
  }
  return drafts;
}
