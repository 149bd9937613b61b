/**
 * A short message with a bold title: an error (announced at once, `role="alert"`), a success or
 * information (announced politely, `role="status"`). Fluent's MessageBar needs ResizeObserver
 * and reflows; these messages are short and need neither.
 */
import type { ReactNode } from 'react';
import { mergeClasses } from '@fluentui/react-components';
import { useNoticeStyles } from './Notice.styles';

export interface NoticeProps {
  intent: 'error' | 'success' | 'info';
  title: string;
  children?: ReactNode;
}

export function Notice({ intent, title, children }: NoticeProps) {
  const styles = useNoticeStyles();
  return (
    <div
      role={intent === 'error' ? 'alert' : 'status'}
      className={mergeClasses(styles.root, styles[intent])}
    >
      <strong className={styles.title}>{title}</strong> {children}
    </div>
  );
}
