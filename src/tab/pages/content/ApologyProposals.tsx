/**
 * After the meeting: apologies proposed from the invitation, where roster members declined. Each
 * can be accepted (an `attendance.update` to Apologies through the meeting session), or all at
 * once. Declines of people not on the roster and unanswered invitations are listed for reference.
 */
import { Badge, Button, Spinner } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApologyProposal, MeetingView } from '../../../domain';
import type { TabApi } from '../../app/TabApi';
import { useLoad } from '../../app/useLoad';
import type { Submit } from '../../components/submit';
import { GraphErrorNotice } from './GraphErrorNotice';
import { submitOps } from './proposalOps';
import { useProposalStyles } from './Proposals.styles';

export interface ApologyProposalsProps {
  view: Pick<MeetingView, 'id'>;
  api: Pick<TabApi, 'apologyProposals'>;
  submit: Submit;
}

export function ApologyProposals({ view, api, submit }: ApologyProposalsProps) {
  const styles = useProposalStyles();
  const loaded = useLoad(() => api.apologyProposals(view.id), view.id);
  const [accepted, setAccepted] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const body = loaded.data;
  const pending = body
    ? body.apologies.filter((p) => p.ops.length > 0 && !accepted.has(p.personId))
    : [];

  const accept = async (proposals: ApologyProposal[]) => {
    setFailure(null);
    try {
      for (const proposal of proposals) {
        await submitOps(submit, proposal.ops);
        setAccepted((before) => new Set(before).add(proposal.personId));
      }
      setNotice(
        proposals.length === 1
          ? `Recorded apologies from ${proposals[0]?.name}.`
          : `Recorded ${proposals.length} apologies.`,
      );
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section className={styles.root} aria-labelledby="apology-proposals-heading">
      <div className={styles.headingRow}>
        <h2 id="apology-proposals-heading" className={styles.heading}>
          Apologies from the invitation
        </h2>
        <Button size="small" onClick={loaded.reload} disabled={loaded.loading}>
          Read the invitation again
        </Button>
      </div>
      {loaded.loading && !body && <Spinner size="tiny" label="Reading the invitation's answers…" />}
      {loaded.error !== null && (
        <GraphErrorNotice title="The invitation could not be read." error={loaded.error} />
      )}
      {failure !== null && <GraphErrorNotice title="Not recorded." error={failure} />}
      <p role="status" className={styles.notice}>
        {notice}
      </p>
      {body && (
        <>
          {body.warnings.map((warning) => (
            <p key={warning} className={styles.summary}>
              {warning}
            </p>
          ))}
          {body.apologies.length === 0 ? (
            <p className={styles.summary}>No member of the committee declined the invitation.</p>
          ) : (
            <>
              <div className={styles.actions}>
                <Button
                  appearance="primary"
                  disabled={pending.length === 0}
                  onClick={() => void accept(pending)}
                >
                  {pending.length === 0
                    ? 'All apologies recorded'
                    : `Accept all ${pending.length} apologies`}
                </Button>
              </div>
              <ul className={styles.list} aria-label="Proposed apologies">
                {body.apologies.map((proposal) => {
                  const done = accepted.has(proposal.personId) || proposal.ops.length === 0;
                  return (
                    <li key={proposal.personId} className={styles.entry}>
                      <div className={styles.who}>
                        <span className={styles.name}>{proposal.name}</span>
                        <span className={styles.meta}>{proposal.categoryName}</span>
                        <Badge
                          appearance="tint"
                          color={proposal.agreement === 'agrees' ? 'success' : 'warning'}
                        >
                          {accepted.has(proposal.personId)
                            ? 'Accepted'
                            : proposal.agreement === 'agrees'
                              ? 'Agrees'
                              : proposal.agreement === 'differs'
                                ? 'Differs'
                                : 'Not recorded'}
                        </Badge>
                      </div>
                      <p className={styles.sentence}>{proposal.sentence}.</p>
                      {!done && (
                        <div className={styles.actions}>
                          <Button
                            size="small"
                            aria-label={`Accept apologies from ${proposal.name}`}
                            onClick={() => void accept([proposal])}
                          >
                            Accept
                          </Button>
                        </div>
                      )}
                    </li>
                  );
                })}
              </ul>
            </>
          )}
          {body.declinedNotOnRoster.length > 0 && (
            <>
              <h3 className={styles.subheading}>Declined, but not on the roster</h3>
              <ul className={styles.warnings}>
                {body.declinedNotOnRoster.map((answer) => (
                  <li key={`${answer.name}/${answer.address ?? ''}`}>{answer.sentence}.</li>
                ))}
              </ul>
            </>
          )}
          {body.noAnswer.length > 0 && (
            <p className={styles.meta}>
              No answer or a tentative one (not apologies):{' '}
              {body.noAnswer.map((answer) => answer.name).join(', ')}.
            </p>
          )}
        </>
      )}
    </section>
  );
}
