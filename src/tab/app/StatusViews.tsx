/** The bootstrap's plain states: loading, and a tab that is not linked to a meeting yet. */
import { MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { useStatusViewStyles } from './StatusViews.styles';

export function LoadingView({ label }: { label: string }) {
  const styles = useStatusViewStyles();
  return (
    <div className={styles.root}>
      <Spinner size="small" label={label} />
    </div>
  );
}

export const NO_MEETING_MESSAGE =
  'This tab is not linked to a meeting yet; open its settings to choose one.';

export function NoMeetingView() {
  const styles = useStatusViewStyles();
  return (
    <div className={styles.root}>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>{NO_MEETING_MESSAGE}</MessageBarBody>
      </MessageBar>
    </div>
  );
}
