/**
 * Browser only (no Teams sign-in): who the local run acts as. The server takes the picked name
 * as the acting user; switching reopens the meeting session as that user.
 */
import { Label, Select, useId } from '@fluentui/react-components';
import type { LocalUser } from './localUsers';
import { useLocalIdentityPickerStyles } from './LocalIdentityPicker.styles';

export interface LocalIdentityPickerProps {
  users: readonly LocalUser[];
  current: string;
  onChange: (user: string) => void;
}

export function LocalIdentityPicker({ users, current, onChange }: LocalIdentityPickerProps) {
  const styles = useLocalIdentityPickerStyles();
  const id = useId('local-user');
  const known = users.some((user) => user.name === current);
  return (
    <div className={styles.root} role="region" aria-label="Local identity">
      <Label htmlFor={id} size="small" title="A local run has no Teams sign-in: pick who you are.">
        Acting as
      </Label>
      <Select
        id={id}
        size="small"
        className={styles.select}
        value={current}
        onChange={(_event, data) => onChange(data.value)}
      >
        {!known && <option value={current}>{current}</option>}
        {users.map((user) => (
          <option key={user.name} value={user.name}>
            {user.displayName}
          </option>
        ))}
      </Select>
    </div>
  );
}
