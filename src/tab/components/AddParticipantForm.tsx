/** Adds another participant (not a member) by organisation, with an optional role. */
import { Button, Field, Input, Select } from '@fluentui/react-components';
import { useState } from 'react';
import type { Organisation } from '../../domain';
import { newId } from '../app/newId';
import { useAddParticipantFormStyles } from './AddParticipantForm.styles';
import type { Submit } from './submit';

export interface AddParticipantFormProps {
  organisations: readonly Organisation[];
  submit: Submit;
}

export function AddParticipantForm({ organisations, submit }: AddParticipantFormProps) {
  const styles = useAddParticipantFormStyles();
  const active = organisations.filter((organisation) => organisation.active);
  const [name, setName] = useState('');
  const [organisationId, setOrganisationId] = useState(active[0]?.id ?? '');
  const [role, setRole] = useState('');
  const ready = name.trim() !== '' && organisationId !== '';

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (!ready) return;
        void submit('participant.add', {
          id: `p-${newId()}`,
          name: name.trim(),
          organisationId,
          role: role.trim() || null,
        });
        setName('');
        setRole('');
      }}
    >
      <fieldset className={styles.root}>
        <legend className={styles.legend}>Add a participant</legend>
        <Field label="Name" size="small">
          <Input size="small" value={name} onChange={(_event, data) => setName(data.value)} />
        </Field>
        <Field label="Organisation" size="small">
          <Select
            size="small"
            value={organisationId}
            onChange={(_event, data) => setOrganisationId(data.value)}
          >
            {active.map((organisation) => (
              <option key={organisation.id} value={organisation.id}>
                {organisation.name}
                {organisation.fullName ? ` (${organisation.fullName})` : ''}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Role (optional)" size="small">
          <Input size="small" value={role} onChange={(_event, data) => setRole(data.value)} />
        </Field>
        <Button size="small" type="submit" disabled={!ready} className={styles.button}>
          Add participant
        </Button>
      </fieldset>
    </form>
  );
}
