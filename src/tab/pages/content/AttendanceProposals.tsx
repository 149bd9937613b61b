/**
 * After the meeting: the Teams attendance report next to the attendance the secretary recorded.
 * Each proposal says whether it agrees; those that would change something can be accepted as they
 * are, edited first, or all accepted at once. Accepting submits the proposal's ops through the
 * meeting session, like any other change; nothing is changed without a press.
 */
import { Badge, Button, Spinner } from '@fluentui/react-components';
import { useState } from 'react';
import type { AttendanceProposal, Committee, MeetingView, OperationBody } from '../../../domain';
import type { TabApi } from '../../app/TabApi';
import { useLoad } from '../../app/useLoad';
import type { Submit } from '../../components/submit';
import { AttendanceProposalEditor } from './AttendanceProposalEditor';
import { useProposalStyles } from './Proposals.styles';
import { GraphErrorNotice } from './GraphErrorNotice';
import { actionable, submitOps } from './proposalOps';

export interface AttendanceProposalsProps {
  view: MeetingView;
  committee: Committee;
  api: Pick<TabApi, 'attendanceProposals'>;
  submit: Submit;
}

const AGREEMENT: Record<
  AttendanceProposal['agreement'],
  { text: string; color: 'success' | 'warning' | 'informative' | 'subtle' }
> = {
  agrees: { text: 'Agrees', color: 'success' },
  differs: { text: 'Differs', color: 'warning' },
  unrecorded: { text: 'Not recorded', color: 'informative' },
  unknown: { text: 'Unknown', color: 'subtle' },
};

export function AttendanceProposals({ view, committee, api, submit }: AttendanceProposalsProps) {
  const styles = useProposalStyles();
  const loaded = useLoad(() => api.attendanceProposals(view.id), view.id);
  const [accepted, setAccepted] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [notice, setNotice] = useState('');
  const [failure, setFailure] = useState<unknown>(null);

  const body = loaded.data;
  const pending = body ? actionable(body.proposals).filter((p) => !accepted.has(p.key)) : [];
  const shown = body
    ? showAll
      ? body.proposals
      : body.proposals.filter((p) => p.ops.length > 0 || accepted.has(p.key))
    : [];

  const accept = async (
    proposals: AttendanceProposal[],
    ops: (p: AttendanceProposal) => OperationBody[],
  ) => {
    setFailure(null);
    try {
      for (const proposal of proposals) {
        await submitOps(submit, ops(proposal));
        setAccepted((before) => new Set(before).add(proposal.key));
      }
      setEditing(null);
      setNotice(
        proposals.length === 1
          ? `Recorded ${proposals[0]?.name}'s attendance as proposed.`
          : `Recorded ${proposals.length} proposals.`,
      );
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section className={styles.root} aria-labelledby="attendance-proposals-heading">
      <div className={styles.headingRow}>
        <h2 id="attendance-proposals-heading" className={styles.heading}>
          Attendance from the Teams report
        </h2>
        <Button size="small" onClick={loaded.reload} disabled={loaded.loading}>
          Read the report again
        </Button>
      </div>
      {loaded.loading && !body && (
        <Spinner size="tiny" label="Reading the Teams attendance report…" />
      )}
      {loaded.error !== null && (
        <GraphErrorNotice title="The attendance report could not be read." error={loaded.error} />
      )}
      {failure !== null && <GraphErrorNotice title="Not recorded." error={failure} />}
      <p role="status" className={styles.notice}>
        {notice}
      </p>
      {body && (
        <>
          {body.warnings.length > 0 && (
            <ul className={styles.warnings} aria-label="About the report">
              {body.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          )}
          <p className={styles.summary}>
            {summaryText(body.summary, body.sessions)} {pending.length} would change what you
            recorded.
          </p>
          <div className={styles.actions}>
            <Button
              appearance="primary"
              disabled={pending.length === 0}
              onClick={() => void accept(pending, (p) => p.ops)}
            >
              {pending.length === 0
                ? 'Nothing to accept'
                : `Accept all ${pending.length} proposals`}
            </Button>
            <Button appearance="subtle" onClick={() => setShowAll((value) => !value)}>
              {showAll ? 'Show only the changes' : `Show everyone (${body.proposals.length})`}
            </Button>
          </div>
          <ul className={styles.list} aria-label="Attendance proposals">
            {shown.map((proposal) => (
              <li key={proposal.key} className={styles.entry}>
                <div className={styles.who}>
                  <span className={styles.name}>{proposal.name}</span>
                  <span className={styles.meta}>{proposal.group.name}</span>
                  <Badge appearance="tint" color={AGREEMENT[proposal.agreement].color}>
                    {accepted.has(proposal.key) ? 'Accepted' : AGREEMENT[proposal.agreement].text}
                  </Badge>
                </div>
                <p className={styles.sentence}>{proposal.sentence}.</p>
                {proposal.ops.length > 0 &&
                  !accepted.has(proposal.key) &&
                  editing !== proposal.key && (
                    <div className={styles.actions}>
                      <Button
                        size="small"
                        aria-label={`Accept the proposal for ${proposal.name}`}
                        onClick={() => void accept([proposal], (p) => p.ops)}
                      >
                        Accept
                      </Button>
                      <Button
                        size="small"
                        appearance="subtle"
                        aria-label={`Edit the proposal for ${proposal.name}`}
                        onClick={() => setEditing(proposal.key)}
                      >
                        Edit
                      </Button>
                    </div>
                  )}
                {editing === proposal.key && (
                  <AttendanceProposalEditor
                    proposal={proposal}
                    view={view}
                    committee={committee}
                    onSave={(ops) => void accept([proposal], () => ops)}
                    onCancel={() => setEditing(null)}
                  />
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function summaryText(
  summary: Record<'present' | 'part' | 'notOnRoster' | 'neverJoined' | 'unknown', number>,
  sessions: number,
): string {
  const parts = [
    `${summary.present} present`,
    `${summary.part} part`,
    `${summary.notOnRoster} not on the roster`,
    `${summary.neverJoined} never joined`,
    ...(summary.unknown > 0 ? [`${summary.unknown} unknown`] : []),
  ];
  return `${sessions === 1 ? 'One session' : `${sessions} sessions`}: ${parts.join(', ')}.`;
}
