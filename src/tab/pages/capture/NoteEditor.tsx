/**
 * The note on the current item, saved as it is typed (see useAutosavedNote), with an optional
 * speaker so the minutes can attribute it by house rule. Ctrl+Enter starts the next note.
 */
import { Button, Field, Select, Textarea } from '@fluentui/react-components';
import type { Ref } from 'react';
import type { AgendaItemView } from '../../../domain';
import type { Submit } from '../../components/submit';
import { useNoteEditorStyles } from './NoteEditor.styles';
import { useAutosavedNote } from './useAutosavedNote';

export interface SpeakerGroup {
  key: string;
  label: string;
  people: { id: string; name: string }[];
}

export interface NoteEditorProps {
  meetingId: string;
  item: AgendaItemView;
  speakers: readonly SpeakerGroup[];
  /** The item's notes so far; the one being typed is left out. */
  notes: readonly { id: string; text: string }[];
  submit: Submit;
  textareaRef?: Ref<HTMLTextAreaElement>;
  autosaveDelayMs?: number;
}

export function NoteEditor(props: NoteEditorProps) {
  const { meetingId, item, speakers, notes, submit, textareaRef, autosaveDelayMs } = props;
  const styles = useNoteEditorStyles();
  const note = useAutosavedNote({ meetingId, itemId: item.id, submit, delayMs: autosaveDelayMs });
  const earlier = notes.filter((entry) => entry.id !== note.noteId);
  return (
    <div className={styles.root}>
      {earlier.length > 0 && (
        <ul className={styles.notes} aria-label={`Notes on item ${item.number}`}>
          {earlier.map((entry) => (
            <li key={entry.id}>{entry.text}</li>
          ))}
        </ul>
      )}
      <Field label={`Note on item ${item.number}`} hint="Saved as you type.">
        <Textarea
          ref={textareaRef}
          className={styles.textarea}
          resize="vertical"
          rows={5}
          value={note.text}
          onChange={(_event, data) => note.setText(data.value)}
          onBlur={note.flush}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              note.startNew();
            }
          }}
        />
      </Field>
      <div className={styles.row}>
        <Field label="Speaker (optional)" size="small" className={styles.speaker}>
          <Select
            size="small"
            value={note.speakerId ?? ''}
            onChange={(_event, data) => note.setSpeakerId(data.value || null)}
          >
            <option value="">Not recorded</option>
            {speakers.map((group) => (
              <optgroup key={group.key} label={group.label}>
                {group.people.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        </Field>
        <Button size="small" onClick={note.startNew} disabled={note.text.trim() === ''}>
          New note
        </Button>
      </div>
      {note.error && (
        <span className={styles.error} role="alert">
          {note.error}
        </span>
      )}
    </div>
  );
}
