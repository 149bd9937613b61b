/**
 * The actions of earlier meetings brought to this one: for each, the update given, Open or
 * Closed, and a revised target date, recorded with `outstanding.update`.
 */
import {
  Badge,
  Button,
  Field,
  Input,
  Radio,
  RadioGroup,
  Textarea,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { MeetingView } from '../../../domain';
import type { Submit } from '../../components/submit';
import { useOutstandingReviewStyles } from './OutstandingReview.styles';

type Outstanding = MeetingView['outstanding'][number];

export function OutstandingReview({
  outstanding,
  submit,
}: {
  outstanding: readonly Outstanding[];
  submit: Submit;
}) {
  const styles = useOutstandingReviewStyles();
  if (outstanding.length === 0) {
    return <p>No actions of earlier meetings were carried to this one.</p>;
  }
  return (
    <ul className={styles.list}>
      {outstanding.map((entry) => (
        <OutstandingCard key={entry.id} entry={entry} submit={submit} />
      ))}
    </ul>
  );
}

function OutstandingCard({ entry, submit }: { entry: Outstanding; submit: Submit }) {
  const styles = useOutstandingReviewStyles();
  const [update, setUpdate] = useState(entry.update ?? '');
  const [revised, setRevised] = useState(entry.revisedTargetDate ?? '');
  const changes = {
    ...(update.trim() !== '' && update !== (entry.update ?? '') ? { update } : {}),
    ...(revised !== (entry.revisedTargetDate ?? '') ? { revisedTargetDate: revised || null } : {}),
  };
  const dirty = Object.keys(changes).length > 0;
  const save = () => {
    if (dirty) void submit('outstanding.update', { id: entry.id, ...changes });
  };
  const label = entry.actionRef;
  return (
    <li className={styles.card} aria-label={`Outstanding action ${label}`}>
      <h2 className={styles.heading}>
        <span>{label}</span>
        <Badge appearance="tint" color={entry.status === 'closed' ? 'success' : 'warning'}>
          {entry.status === 'closed' ? 'Closed' : 'Open'}
        </Badge>
      </h2>
      <p className={styles.text}>{entry.text}</p>
      <span className={styles.meta}>
        {entry.owners.map((owner) => owner.name).join('/')} · raised {entry.dateRaised}
        {entry.lastTargetDate ? ` · target ${entry.lastTargetDate}` : ''}
      </span>
      <Field label={`Update on ${label}`} size="small">
        <Textarea
          size="small"
          rows={3}
          resize="vertical"
          value={update}
          onChange={(_event, data) => setUpdate(data.value)}
          onBlur={save}
        />
      </Field>
      <RadioGroup
        layout="horizontal"
        aria-label={`Status of ${label}`}
        value={entry.status}
        onChange={(_event, data) =>
          void submit('outstanding.update', {
            id: entry.id,
            status: data.value === 'closed' ? 'closed' : 'open',
          })
        }
      >
        <Radio value="open" label="Open" />
        <Radio value="closed" label="Closed" />
      </RadioGroup>
      <div className={styles.row}>
        <Field label="Revised target date" size="small">
          <Input
            type="date"
            size="small"
            value={revised}
            onChange={(_event, data) => setRevised(data.value)}
            onBlur={save}
          />
        </Field>
        <Button size="small" onClick={save} disabled={!dirty}>
          Save update
        </Button>
      </div>
    </li>
  );
}
