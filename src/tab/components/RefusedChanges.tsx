/**
 * Changes the server refused (e.g. the minutes became final): not in the meeting, but their text
 * is kept and shown here so that it can be copied elsewhere, until dismissed.
 */
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import type { RefusedOperation } from '../sync/MeetingSession';
import { useRefusedChangesStyles } from './RefusedChanges.styles';

export interface RefusedChangesProps {
  refused: readonly RefusedOperation[];
  /** Forgets them; absent when the session cannot. */
  onDismiss?: () => void;
}

/** The words a refused op carried, e.g. a note's text or an action's. */
export function refusedText({ op }: RefusedOperation): string {
  const payload = op.payload as Record<string, unknown>;
  const words = ['text', 'update', 'title', 'name']
    .map((key) => payload[key])
    .find((value): value is string => typeof value === 'string' && value.trim() !== '');
  return words ? `${op.type}: ${words}` : op.type;
}

export function RefusedChanges({ refused, onDismiss }: RefusedChangesProps) {
  const styles = useRefusedChangesStyles();
  if (refused.length === 0) return null;
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>
          {refused.length} change{refused.length === 1 ? ' was' : 's were'} refused.
        </MessageBarTitle>{' '}
        {refused[0]?.message} Copy what you need before dismissing:
        <ul className={styles.list}>
          {refused.map((entry) => (
            <li key={entry.op.id} className={styles.text}>
              {refusedText(entry)}
            </li>
          ))}
        </ul>
      </MessageBarBody>
      {onDismiss && (
        <MessageBarActions>
          <Button size="small" onClick={onDismiss}>
            Dismiss
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
