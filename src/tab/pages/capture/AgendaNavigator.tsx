/**
 * The agenda with its numbers. "Open" records the time the item was opened (`agenda.open`) and
 * makes it current; the current item is highlighted and marked for assistive technology.
 */
import { Button, mergeClasses } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import type { AgendaItemView } from '../../../domain';
import { useAgendaNavigatorStyles } from './AgendaNavigator.styles';

export interface AgendaNavigatorProps {
  agenda: readonly AgendaItemView[];
  currentItemId: string | null;
  onOpen: (itemId: string) => void;
}

export function AgendaNavigator({ agenda, currentItemId, onOpen }: AgendaNavigatorProps) {
  const styles = useAgendaNavigatorStyles();
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const current = list.current?.querySelector<HTMLElement>('[aria-current]');
    current?.scrollIntoView?.({ block: 'nearest' });
  }, [currentItemId]);
  if (agenda.length === 0) return <p>The agenda is empty; add items on the meeting tab.</p>;
  return (
    <ol ref={list} className={styles.list} aria-label="Agenda">
      {agenda.map((item) => {
        const current = item.id === currentItemId;
        return (
          <li
            key={item.id}
            className={mergeClasses(
              styles.item,
              item.depth === 1 && styles.sub,
              current && styles.current,
            )}
            aria-current={current ? 'step' : undefined}
          >
            <span className={styles.number}>{item.number}</span>
            <span className={styles.title}>{item.title}</span>
            <Button
              size="small"
              appearance={current ? 'subtle' : 'secondary'}
              className={styles.open}
              aria-label={`${current ? 'Reopen' : 'Open'} item ${item.number}: ${item.title}`}
              onClick={() => onOpen(item.id)}
            >
              {current ? 'Reopen' : 'Open'}
            </Button>
          </li>
        );
      })}
    </ol>
  );
}
