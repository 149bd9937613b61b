/** Creates a meeting of the chosen committee (number and date) through the API. */
import { Button, Field, Input } from '@fluentui/react-components';
import { useState } from 'react';
import { describeError } from '../../app/errorMessages';
import { newId } from '../../app/newId';
import type { MeetingListEntry, TabApi } from '../../app/TabApi';
import { useSettingsPageStyles } from './SettingsPage.styles';

export interface CreateMeetingFormProps {
  committeeId: string;
  api: TabApi;
  onCreated: (meeting: MeetingListEntry) => void;
}

export function CreateMeetingForm({ committeeId, api, onCreated }: CreateMeetingFormProps) {
  const styles = useSettingsPageStyles();
  const [number, setNumber] = useState('');
  const [date, setDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const ready = /^\d{1,5}[a-z]{0,2}$/.test(number.trim()) && /^\d{4}-\d{2}-\d{2}$/.test(date);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (!ready || busy) return;
        setBusy(true);
        setProblem(null);
        api
          .createMeeting({ id: `m-${newId()}`, committeeId, number: number.trim(), date })
          .then((meeting) => {
            onCreated(meeting);
            setNumber('');
            setDate('');
          })
          .catch((error: unknown) => setProblem(describeError(error).message))
          .finally(() => setBusy(false));
      }}
    >
      <fieldset className={styles.create}>
        <legend className={styles.legend}>Or create a meeting</legend>
        <Field label="Number" hint="e.g. 42 or 42x" validationMessage={problem ?? undefined}>
          <Input
            className={styles.number}
            value={number}
            onChange={(_event, data) => setNumber(data.value)}
          />
        </Field>
        <Field label="Date">
          <Input type="date" value={date} onChange={(_event, data) => setDate(data.value)} />
        </Field>
        <Button type="submit" disabled={!ready || busy}>
          {busy ? 'Creating…' : 'Create meeting'}
        </Button>
      </fieldset>
    </form>
  );
}
