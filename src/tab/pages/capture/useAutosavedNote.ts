/**
 * The note being typed, saved as it is typed: the first save is `note.add`, later ones
 * `note.update` of the same note id. Saves after a pause in typing, on blur, when the page is
 * hidden or unloaded, and when the editor goes away; a localStorage draft covers the moments
 * in between. Saves are sent one after another, so an update never overtakes its add.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { newId } from '../../app/newId';
import type { Submit } from '../../components/submit';
import { clearNoteDraft, saveNoteDraft } from './noteDrafts';

export interface AutosavedNoteOptions {
  meetingId: string;
  itemId: string;
  submit: Submit;
  delayMs?: number;
}

export interface AutosavedNote {
  noteId: string;
  text: string;
  speakerId: string | null;
  error: string | null;
  setText(text: string): void;
  setSpeakerId(speakerId: string | null): void;
  /** Saves now (if anything changed). */
  flush(): void;
  /** Saves this note and starts an empty one. */
  startNew(): void;
}

interface Content {
  text: string;
  speakerId: string | null;
}

export function useAutosavedNote(options: AutosavedNoteOptions): AutosavedNote {
  const { delayMs = 800 } = options;
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const [noteId, setNoteId] = useState(() => newId());
  const noteIdRef = useRef(noteId);
  const added = useRef(false);
  const latest = useRef<Content>({ text: '', speakerId: null });
  const saved = useRef<Content>({ text: '', speakerId: null });
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [content, setContent] = useState<Content>(latest.current);
  const [error, setError] = useState<string | null>(null);

  const flush = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    const { text, speakerId } = latest.current;
    if (text.trim() === '') return;
    if (text === saved.current.text && speakerId === saved.current.speakerId) return;
    const { meetingId, itemId, submit } = optionsRef.current;
    const id = noteIdRef.current;
    const speakerChanged = speakerId !== saved.current.speakerId;
    const first = !added.current;
    added.current = true;
    saved.current = { text, speakerId };
    queue.current = queue.current
      .then(() =>
        first
          ? submit('note.add', { id, itemId, text, speakerId })
          : submit('note.update', { id, text, ...(speakerChanged ? { speakerId } : {}) }),
      )
      .then(() => {
        if (noteIdRef.current !== id || latest.current.text === text) clearNoteDraft(meetingId, id);
        setError(null);
      })
      .catch((failure: unknown) => {
        if (first) added.current = false;
        saved.current = { text: '', speakerId: null };
        setError(`The note could not be saved: ${String((failure as Error)?.message ?? failure)}`);
      });
  }, []);

  const change = useCallback(
    (next: Content, immediately: boolean) => {
      latest.current = next;
      setContent(next);
      const { meetingId, itemId } = optionsRef.current;
      saveNoteDraft(meetingId, { noteId: noteIdRef.current, itemId, ...next, savedAt: Date.now() });
      if (timer.current !== null) clearTimeout(timer.current);
      if (immediately) flush();
      else timer.current = setTimeout(flush, delayMs);
    },
    [delayMs, flush],
  );

  const startNew = useCallback(() => {
    flush();
    const id = newId();
    noteIdRef.current = id;
    added.current = false;
    latest.current = { text: '', speakerId: null };
    saved.current = { text: '', speakerId: null };
    setNoteId(id);
    setContent(latest.current);
  }, [flush]);

  useEffect(() => {
    const onHidden = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('beforeunload', flush);
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      window.removeEventListener('beforeunload', flush);
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHidden);
      flush();
    };
  }, [flush]);

  return {
    noteId,
    text: content.text,
    speakerId: content.speakerId,
    error,
    setText: (text) => change({ ...latest.current, text }, false),
    setSpeakerId: (speakerId) => change({ ...latest.current, speakerId }, true),
    flush,
    startNew,
  };
}
