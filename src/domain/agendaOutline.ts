/**
 * Numbers the agenda: top-level items 1, 2, 3… by their order key (id breaks ties), sub-items
 * 3.1, 3.2… under their parent. Removed items take no number. Two levels, as minutes use.
 */
import type { AgendaItem, MeetingState } from './meetingState';

export interface NumberedAgendaItem {
  item: AgendaItem;
  number: string;
  depth: 0 | 1;
}

export function agendaOutline(state: MeetingState): NumberedAgendaItem[] {
  const live = [...state.agenda.values()].filter((item) => !item.removed);
  const isTopLevel = (item: AgendaItem) => {
    if (item.parentId === null) return true;
    const parent = state.agenda.get(item.parentId);
    return !parent || parent.removed || parent.parentId !== null;
  };
  const byOrder = (a: AgendaItem, b: AgendaItem) =>
    a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const outline: NumberedAgendaItem[] = [];
  live
    .filter(isTopLevel)
    .sort(byOrder)
    .forEach((parent, index) => {
      const number = String(index + 1);
      outline.push({ item: parent, number, depth: 0 });
      live
        .filter((child) => child.parentId === parent.id && !isTopLevel(child))
        .sort(byOrder)
        .forEach((child, childIndex) => {
          outline.push({ item: child, number: `${number}.${childIndex + 1}`, depth: 1 });
        });
    });
  return outline;
}
