/**
 * Adding someone who is not in the meeting's records. joinedProposal uses it with the guessed
 * organisation; it is public so a caller can apply the same proposal with another place.
 */
import { z } from 'zod';
import type { OperationBody } from '../operation';
import type { AttendanceProposal } from './attendanceProposal';

/** The op schemas' e-mail check: an address they would reject is left out, not sent to fail. */
const emailSchema = z.string().email().max(320);

/**
 * The ops that add a proposed new person with a chosen place, for when the secretary picks the
 * organisation (or makes them a meeting-only member, e.g. an alternate) instead of the guess.
 */
export function newPersonOps(
  proposal: Pick<AttendanceProposal, 'personId' | 'name' | 'proposed' | 'evidence'>,
  place: { organisationId: string } | { categoryId: string },
): OperationBody[] {
  const email = proposal.evidence?.emails.find((address) => emailSchema.safeParse(address).success);
  const name = proposal.name.slice(0, 300);
  const add: OperationBody =
    'organisationId' in place
      ? {
          type: 'participant.add',
          payload: {
            id: proposal.personId,
            name,
            organisationId: place.organisationId,
            ...(email ? { email } : {}),
          },
        }
      : {
          type: 'meetingMember.add',
          payload: {
            id: proposal.personId,
            name,
            categoryId: place.categoryId,
            ...(email ? { email } : {}),
          },
        };
  const status = proposal.proposed.status === 'unknown' ? 'present' : proposal.proposed.status;
  return [
    add,
    {
      type: 'attendance.update',
      payload: {
        personId: proposal.personId,
        status,
        part: proposal.proposed.part,
        agendaItemIds: [...proposal.proposed.agendaItemIds],
      },
    },
  ];
}
