/** A failure explained: what happened, what to do (by error code), and the details to report. */
import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
} from '@fluentui/react-components';
import { adviceFor, describeError } from './errorMessages';
import { useErrorViewStyles } from './ErrorView.styles';

export interface ErrorViewProps {
  error: unknown;
  onRetry?: () => void;
}

export function ErrorView({ error, onRetry }: ErrorViewProps) {
  const styles = useErrorViewStyles();
  const described = describeError(error);
  const advice = adviceFor(described.code);
  return (
    <div className={styles.root} role="alert">
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{advice.title}</MessageBarTitle> {advice.action}
        </MessageBarBody>
      </MessageBar>
      <Text className={styles.details}>
        {described.code ? `${described.code}: ` : ''}
        {described.message}
        {described.requestId ? ` (request id ${described.requestId})` : ''}
      </Text>
      {onRetry && (
        <Button appearance="primary" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}
