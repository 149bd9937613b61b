/**
 * Quorum by seat: a member present fills their seat; an alternate fills the seat of the member
 * they replace (in that member's category), and a seat is counted once however many fill it.
 */
import type { CommitteeSettings } from './committee';
import type { MeetingState } from './meetingState';

export interface CategoryQuorum {
  categoryId: string;
  categoryName: string;
  present: number;
  minimum: number;
  met: boolean;
}

export interface QuorumResult {
  met: boolean;
  seatsFilled: number;
  minimumMembers: number;
  categories: CategoryQuorum[];
  /** One sentence for the chair, e.g. "2 more members needed; Small Suppliers needs 1 more." */
  summary: string;
}

export function evaluateQuorum(committee: CommitteeSettings, state: MeetingState): QuorumResult {
  const categoryOfSeat = new Map<string, string>();
  for (const member of committee.members) categoryOfSeat.set(member.id, member.categoryId);
  for (const member of state.meetingMembers.values()) {
    if (!member.removed) categoryOfSeat.set(member.id, member.categoryId);
  }

  const filledSeats = new Set<string>();
  for (const record of state.attendance.values()) {
    if (record.status !== 'present') continue;
    const seat = record.alternateForMemberId ?? record.personId;
    if (categoryOfSeat.has(seat)) filledSeats.add(seat);
  }

  const countByCategory = new Map<string, number>();
  for (const seat of filledSeats) {
    const categoryId = categoryOfSeat.get(seat) ?? '';
    countByCategory.set(categoryId, (countByCategory.get(categoryId) ?? 0) + 1);
  }

  const categories = committee.quorum.perCategory.map((rule) => {
    const present = countByCategory.get(rule.categoryId) ?? 0;
    const categoryName =
      committee.categories.find((category) => category.id === rule.categoryId)?.name ??
      rule.categoryId;
    return {
      categoryId: rule.categoryId,
      categoryName,
      present,
      minimum: rule.minimum,
      met: present >= rule.minimum,
    };
  });
  const minimumMembers = committee.quorum.minimumMembers;
  const enoughMembers = filledSeats.size >= minimumMembers;
  const met = enoughMembers && categories.every((category) => category.met);
  return {
    met,
    seatsFilled: filledSeats.size,
    minimumMembers,
    categories,
    summary: summarise(met, filledSeats.size, minimumMembers, categories),
  };
}

function summarise(
  met: boolean,
  filled: number,
  minimum: number,
  categories: CategoryQuorum[],
): string {
  if (met) return `Quorate: ${filled} member${filled === 1 ? '' : 's'} present, ${minimum} needed.`;
  const gaps: string[] = [];
  if (filled < minimum)
    gaps.push(`${minimum - filled} more member${minimum - filled === 1 ? '' : 's'} needed`);
  for (const category of categories.filter((c) => !c.met)) {
    gaps.push(`${category.categoryName} needs ${category.minimum - category.present} more`);
  }
  return `Not quorate: ${gaps.join('; ')}.`;
}
