/** Quorate or not, with the fold's one-sentence summary ("Not quorate: 2 more members needed."). */
import { Badge, mergeClasses, Text } from '@fluentui/react-components';
import type { QuorumResult } from '../../domain';
import { useQuorumIndicatorStyles } from './QuorumIndicator.styles';

export interface QuorumIndicatorProps {
  quorum: QuorumResult;
  size?: 'normal' | 'large';
}

export function QuorumIndicator({ quorum, size = 'normal' }: QuorumIndicatorProps) {
  const styles = useQuorumIndicatorStyles();
  return (
    <div
      className={mergeClasses(styles.root, size === 'large' && styles.large)}
      role="status"
      aria-label="Quorum"
    >
      <Badge
        appearance="filled"
        color={quorum.met ? 'success' : 'danger'}
        size={size === 'large' ? 'extra-large' : 'medium'}
      >
        {quorum.met ? 'Quorate' : 'Not quorate'}
      </Badge>
      <Text className={styles.summary} size={size === 'large' ? 400 : 200}>
        {quorum.summary}
      </Text>
    </div>
  );
}
