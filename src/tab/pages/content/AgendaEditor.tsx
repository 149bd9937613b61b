/**
 * The agenda before the meeting: add items and sub-items, rename (saved when the field is left),
 * move up and down (order keys, see agendaOrder), remove (asks once more first).
 */
import { Button, Field, Input, mergeClasses, Select } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { AgendaItemView } from '../../../domain';
import { newId } from '../../app/newId';
import type { Submit } from '../../components/submit';
import { useAgendaEditorStyles } from './AgendaEditor.styles';
import { moveItem, orderForNewItem } from './agendaOrder';

export interface AgendaEditorProps {
  agenda: readonly AgendaItemView[];
  submit: Submit;
}

export function AgendaEditor({ agenda, submit }: AgendaEditorProps) {
  const styles = useAgendaEditorStyles();
  const move = (itemId: string, direction: 'up' | 'down') => {
    for (const change of moveItem(agenda, itemId, direction)) void submit('agenda.update', change);
  };
  return (
    <div className={styles.root}>
      {agenda.length === 0 ? (
        <p>No items yet: add the first below.</p>
      ) : (
        <ol className={styles.list} aria-label="Agenda items">
          {agenda.map((item) => (
            <AgendaRow
              key={item.id}
              item={item}
              submit={submit}
              canMove={{
                up: moveItem(agenda, item.id, 'up').length > 0,
                down: moveItem(agenda, item.id, 'down').length > 0,
              }}
              onMove={move}
            />
          ))}
        </ol>
      )}
      <AddAgendaItem agenda={agenda} submit={submit} />
    </div>
  );
}

interface AgendaRowProps {
  item: AgendaItemView;
  submit: Submit;
  canMove: { up: boolean; down: boolean };
  onMove: (itemId: string, direction: 'up' | 'down') => void;
}

function AgendaRow({ item, submit, canMove, onMove }: AgendaRowProps) {
  const styles = useAgendaEditorStyles();
  const [title, setTitle] = useState(item.title);
  const [presenter, setPresenter] = useState(item.presenter ?? '');
  const [confirming, setConfirming] = useState(false);
  // Someone else's rename shows here too.
  useEffect(() => setTitle(item.title), [item.title]);
  useEffect(() => setPresenter(item.presenter ?? ''), [item.presenter]);
  const saveTitle = () => {
    if (title.trim() !== '' && title.trim() !== item.title)
      void submit('agenda.update', { id: item.id, title: title.trim() });
    else setTitle(item.title);
  };
  const savePresenter = () => {
    if (presenter.trim() !== (item.presenter ?? ''))
      void submit('agenda.update', { id: item.id, presenter: presenter.trim() || null });
  };
  return (
    <li className={mergeClasses(styles.row, item.depth === 1 && styles.sub)}>
      <span className={styles.number}>{item.number}</span>
      <Input
        className={styles.title}
        aria-label={`Title of item ${item.number}`}
        value={title}
        onChange={(_event, data) => setTitle(data.value)}
        onBlur={saveTitle}
        onKeyDown={(event) => {
          if (event.key === 'Enter') saveTitle();
        }}
      />
      <Input
        className={styles.presenter}
        aria-label={`Presenter of item ${item.number}`}
        placeholder="Presenter"
        value={presenter}
        onChange={(_event, data) => setPresenter(data.value)}
        onBlur={savePresenter}
      />
      <span className={styles.buttons}>
        <Button
          size="small"
          aria-label={`Move item ${item.number} up`}
          disabled={!canMove.up}
          onClick={() => onMove(item.id, 'up')}
        >
          Up
        </Button>
        <Button
          size="small"
          aria-label={`Move item ${item.number} down`}
          disabled={!canMove.down}
          onClick={() => onMove(item.id, 'down')}
        >
          Down
        </Button>
        {confirming ? (
          <Button
            size="small"
            appearance="primary"
            aria-label={`Confirm removing item ${item.number}`}
            onClick={() => void submit('agenda.remove', { id: item.id })}
            onBlur={() => setConfirming(false)}
          >
            Confirm remove
          </Button>
        ) : (
          <Button
            size="small"
            aria-label={`Remove item ${item.number}`}
            onClick={() => setConfirming(true)}
          >
            Remove
          </Button>
        )}
      </span>
    </li>
  );
}

function AddAgendaItem({ agenda, submit }: AgendaEditorProps) {
  const styles = useAgendaEditorStyles();
  const [title, setTitle] = useState('');
  const [presenter, setPresenter] = useState('');
  const [parentId, setParentId] = useState('');
  const topLevel = agenda.filter((item) => item.depth === 0);
  return (
    <form
      className={styles.add}
      aria-label="Add an agenda item"
      onSubmit={(event) => {
        event.preventDefault();
        if (title.trim() === '') return;
        const parent = parentId || null;
        void submit('agenda.add', {
          id: `i-${newId()}`,
          title: title.trim(),
          presenter: presenter.trim() || null,
          parentId: parent,
          order: orderForNewItem(agenda, parent),
        });
        setTitle('');
        setPresenter('');
      }}
    >
      <Field label="New item" className={styles.title}>
        <Input value={title} onChange={(_event, data) => setTitle(data.value)} />
      </Field>
      <Field label="Presenter">
        <Input
          className={styles.presenter}
          value={presenter}
          onChange={(_event, data) => setPresenter(data.value)}
        />
      </Field>
      <Field label="Place">
        <Select value={parentId} onChange={(_event, data) => setParentId(data.value)}>
          <option value="">Top level</option>
          {topLevel.map((item) => (
            <option key={item.id} value={item.id}>
              Under {item.number} {item.title.slice(0, 40)}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" appearance="primary" disabled={title.trim() === ''}>
        Add item
      </Button>
    </form>
  );
}
