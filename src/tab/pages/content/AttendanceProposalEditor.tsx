/**
 * Editing an attendance proposal before accepting it: Present (whole meeting or part, with the
 * agenda items attended), Apologies or Absent; for someone not yet in the meeting's records, where
 * to list them (an organisation, or a members' category for an alternate). Escape cancels.
 */
import { Button, Checkbox, Field, Radio, RadioGroup, Select } from '@fluentui/react-components';
import { useId, useState, type FormEvent } from 'react';
import type {
  AttendanceProposal,
  AttendanceStatus,
  Committee,
  MeetingView,
  OperationBody,
} from '../../../domain';
import { useProposalStyles } from './Proposals.styles';
import { editedOps, editOf, type AttendanceEdit } from './proposalOps';

export interface AttendanceProposalEditorProps {
  proposal: AttendanceProposal;
  view: Pick<MeetingView, 'agenda'>;
  committee: Pick<Committee, 'organisations' | 'categories'>;
  onSave: (ops: OperationBody[]) => void;
  onCancel: () => void;
}

const STATUSES: { value: AttendanceStatus; label: string }[] = [
  { value: 'present', label: 'Present' },
  { value: 'apologies', label: 'Apologies' },
  { value: 'absent', label: 'Absent' },
];

export function AttendanceProposalEditor({
  proposal,
  view,
  committee,
  onSave,
  onCancel,
}: AttendanceProposalEditorProps) {
  const styles = useProposalStyles();
  const [edit, setEdit] = useState<AttendanceEdit>(() => editOf(proposal));
  const itemsLabel = useId();
  const change = (next: Partial<AttendanceEdit>) => setEdit((before) => ({ ...before, ...next }));
  const placeValue = !edit.place
    ? ''
    : 'organisationId' in edit.place
      ? `organisation:${edit.place.organisationId}`
      : `category:${edit.place.categoryId}`;
  const ops = editedOps(proposal, edit);
  const save = (event: FormEvent) => {
    event.preventDefault();
    if (ops.length > 0) onSave(ops);
  };

  return (
    <form
      className={styles.editor}
      aria-label={`Attendance of ${proposal.name}`}
      onSubmit={save}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <Field label="Attendance">
        <RadioGroup
          layout="horizontal"
          value={edit.status}
          onChange={(_event, data) => change({ status: data.value as AttendanceStatus })}
        >
          {STATUSES.map((status) => (
            <Radio key={status.value} value={status.value} label={status.label} />
          ))}
        </RadioGroup>
      </Field>
      {edit.status === 'present' && (
        <Checkbox
          label="For part of the meeting"
          checked={edit.part}
          onChange={(_event, data) => change({ part: data.checked === true })}
        />
      )}
      {edit.status === 'present' && edit.part && (
        <fieldset className={styles.items} aria-labelledby={itemsLabel}>
          <legend id={itemsLabel}>Agenda items attended</legend>
          {view.agenda.map((item) => (
            <Checkbox
              key={item.id}
              label={`${item.number} ${item.title}`}
              checked={edit.agendaItemIds.includes(item.id)}
              onChange={(_event, data) =>
                change({
                  agendaItemIds: data.checked
                    ? [...edit.agendaItemIds, item.id]
                    : edit.agendaItemIds.filter((id) => id !== item.id),
                })
              }
            />
          ))}
        </fieldset>
      )}
      {proposal.personKind === 'new' && (
        <Field label="List them under">
          <Select
            value={placeValue}
            onChange={(_event, data) => {
              const [kind, id = ''] = data.value.split(':');
              change({ place: kind === 'category' ? { categoryId: id } : { organisationId: id } });
            }}
          >
            {!edit.place && <option value="">Choose…</option>}
            <optgroup label="Organisations">
              {committee.organisations
                .filter((organisation) => organisation.active)
                .map((organisation) => (
                  <option key={organisation.id} value={`organisation:${organisation.id}`}>
                    {organisation.name}
                  </option>
                ))}
            </optgroup>
            <optgroup label="Members (an alternate or a member for this meeting)">
              {committee.categories.map((category) => (
                <option key={category.id} value={`category:${category.id}`}>
                  {category.name}
                </option>
              ))}
            </optgroup>
          </Select>
        </Field>
      )}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" size="small" disabled={ops.length === 0}>
          Accept as edited
        </Button>
        <Button size="small" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
