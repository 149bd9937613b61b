/**
 * Order keys for the agenda editor. The meeting view numbers items but does not carry their
 * order keys, so the editor never computes a key between two unknown ones: a new item goes after
 * its siblings (conventionally ordered 1…N), and a move writes the whole sibling group afresh as
 * 1…N in the new order, which is right whatever keys the group had before.
 */
import type { AgendaItemView } from '../../../domain';

/** The items under `parentId` (null: the top level), in their current order. */
export function siblingsOf(
  agenda: readonly AgendaItemView[],
  parentId: string | null,
): AgendaItemView[] {
  return agenda.filter((item) =>
    parentId === null ? item.depth === 0 : item.depth === 1 && item.parentId === parentId,
  );
}

/** The order key for a new item at the end of its group. */
export function orderForNewItem(
  agenda: readonly AgendaItemView[],
  parentId: string | null,
): number {
  return siblingsOf(agenda, parentId).length + 1;
}

/** The `agenda.update` payloads that move `itemId` one place up or down among its siblings. */
export function moveItem(
  agenda: readonly AgendaItemView[],
  itemId: string,
  direction: 'up' | 'down',
): { id: string; order: number }[] {
  const item = agenda.find((entry) => entry.id === itemId);
  if (!item) return [];
  const group = siblingsOf(agenda, item.depth === 0 ? null : item.parentId);
  const from = group.findIndex((entry) => entry.id === itemId);
  const to = direction === 'up' ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= group.length) return [];
  const reordered = [...group];
  const [moved] = reordered.splice(from, 1);
  if (moved) reordered.splice(to, 0, moved);
  return reordered.map((entry, index) => ({ id: entry.id, order: index + 1 }));
}
