/**
 * Turning proposals into recorded changes: a proposal's own ops as they are, or ops for the
 * attendance as the secretary edited it. Every op goes through the meeting session (outbox,
 * optimistic view), like any other change. Pure apart from `submitOps`.
 *
 * The ops for a new person mirror the domain's `newPersonOps`, written here so that the content
 * page does not load the reconciliation code (and zod) into the browser.
 */
import type { AttendanceProposal, AttendanceStatus, OperationBody } from '../../../domain';
import type { Submit } from '../../components/submit';

export async function submitOps(submit: Submit, ops: readonly OperationBody[]): Promise<void> {
  for (const op of ops) {
    // Each op's payload matches its type (OperationBody pairs them); the session re-validates.
    await submit(op.type, op.payload as never);
  }
}

export interface AttendanceEdit {
  status: AttendanceStatus;
  /** Only for Present: attended part of the meeting, for these agenda items. */
  part: boolean;
  agendaItemIds: string[];
  /** Only for someone not yet in the meeting's records: where to list them. */
  place?: { organisationId: string } | { categoryId: string };
}

/** What the editor starts from: the proposal as proposed. */
export function editOf(proposal: AttendanceProposal): AttendanceEdit {
  const status = proposal.proposed.status === 'unknown' ? 'present' : proposal.proposed.status;
  const add = proposal.ops.find(
    (op) => op.type === 'participant.add' || op.type === 'meetingMember.add',
  );
  const place =
    add?.type === 'participant.add'
      ? { organisationId: add.payload.organisationId }
      : add?.type === 'meetingMember.add'
        ? { categoryId: add.payload.categoryId }
        : proposal.organisation
          ? { organisationId: proposal.organisation.id }
          : undefined;
  return {
    status,
    part: status === 'present' && proposal.proposed.part,
    agendaItemIds: [...proposal.proposed.agendaItemIds],
    ...(place ? { place } : {}),
  };
}

/** The ops that record the edited attendance (adding the person first when they are new). */
export function editedOps(proposal: AttendanceProposal, edit: AttendanceEdit): OperationBody[] {
  const part = edit.status === 'present' && edit.part;
  const attendance: OperationBody = {
    type: 'attendance.update',
    payload: {
      personId: proposal.personId,
      status: edit.status,
      part,
      agendaItemIds: part ? [...edit.agendaItemIds] : [],
    },
  };
  if (proposal.personKind !== 'new') return [attendance];
  if (!edit.place) return [];
  const email = proposal.evidence?.emails.find((address) =>
    /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address),
  );
  const name = proposal.name.slice(0, 300);
  const add: OperationBody =
    'organisationId' in edit.place
      ? {
          type: 'participant.add',
          payload: {
            id: proposal.personId,
            name,
            organisationId: edit.place.organisationId,
            ...(email ? { email } : {}),
          },
        }
      : {
          type: 'meetingMember.add',
          payload: {
            id: proposal.personId,
            name,
            categoryId: edit.place.categoryId,
            ...(email ? { email } : {}),
          },
        };
  return [add, attendance];
}

/** Proposals the secretary is asked about: those that would change something. */
export function actionable(proposals: readonly AttendanceProposal[]): AttendanceProposal[] {
  return proposals.filter((proposal) => proposal.ops.length > 0);
}
