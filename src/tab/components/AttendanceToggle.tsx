/**
 * One tap per person: present, apologies or absent, as a group of toggle buttons whose names say
 * what they do ("Mark Fiona Marsh present"). The recorded status is the pressed one.
 */
import { mergeClasses, ToggleButton } from '@fluentui/react-components';
import type { AttendanceStatus } from '../../domain';
import { useAttendanceToggleStyles } from './AttendanceToggle.styles';

// Listed here rather than imported: the domain's list lives beside its zod schemas, which the
// tab does not need to download.
const STATUSES: readonly AttendanceStatus[] = ['present', 'apologies', 'absent'];

const LABELS: Record<AttendanceStatus, string> = {
  present: 'Present',
  apologies: 'Apologies',
  absent: 'Absent',
};

export interface AttendanceToggleProps {
  name: string;
  status: AttendanceStatus | null;
  onChange: (status: AttendanceStatus) => void;
}

export function AttendanceToggle({ name, status, onChange }: AttendanceToggleProps) {
  const styles = useAttendanceToggleStyles();
  return (
    <div className={styles.root} role="group" aria-label={`Attendance of ${name}`}>
      {STATUSES.map((option) => (
        <ToggleButton
          key={option}
          size="small"
          checked={status === option}
          className={mergeClasses(styles.button, styles[option], styles.forcedColors)}
          aria-label={`Mark ${name} ${option}`}
          onClick={() => {
            if (status !== option) onChange(option);
          }}
        >
          {LABELS[option]}
        </ToggleButton>
      ))}
    </div>
  );
}
