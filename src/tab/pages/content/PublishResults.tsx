/**
 * What the meeting's publishes made, with links: the minutes in SharePoint, the post in the
 * meeting chat, the e-mail, the Planner task of each action, the To Do reminders and register
 * rows; and the steps left out, with the reason.
 */
import { Link } from '@fluentui/react-components';
import type { PublishRunState } from '../../../contract/graphApi';
import { usePublishPanelStyles } from './PublishPanel.styles';

function External({ href, children }: { href: string | null; children: string }) {
  if (!href) return <>{children}</>;
  return (
    <Link href={href} target="_blank" rel="noreferrer">
      {children}
    </Link>
  );
}

export function PublishResults({ run }: { run: PublishRunState }) {
  const styles = usePublishPanelStyles();
  const { results } = run;
  const nothing =
    !results.document && !results.chatPost && !results.mail && results.tasks.length === 0;
  return (
    <>
      {!nothing && (
        <>
          <h3 className={styles.subheading}>Published</h3>
          <ul className={styles.results} aria-label="Published">
            {results.document && (
              <li>
                <External href={results.document.url}>{results.document.name}</External> in the
                SharePoint library
                {results.document.versions > 1
                  ? ` (published ${results.document.versions} times)`
                  : ''}
              </li>
            )}
            {results.chatPost && (
              <li>
                <External href={results.chatPost.url}>The post in the meeting chat</External>
              </li>
            )}
            {results.mail && (
              <li>
                E-mailed to the distribution list ({results.mail.recipients}{' '}
                {results.mail.recipients === 1 ? 'address' : 'addresses'})
              </li>
            )}
            {results.tasks.length > 0 && (
              <li>
                Planner tasks:{' '}
                {results.tasks.map((task, index) => (
                  <span key={task.taskId}>
                    {index > 0 ? ', ' : ''}
                    <External href={task.url}>{task.actionId}</External>
                  </span>
                ))}
              </li>
            )}
            {results.reminders > 0 && (
              <li>
                {results.reminders} To Do {results.reminders === 1 ? 'reminder' : 'reminders'} for
                the people named on actions
              </li>
            )}
            {results.registerRows > 0 && (
              <li>
                {results.registerRows} {results.registerRows === 1 ? 'row' : 'rows'} in the action
                register
              </li>
            )}
          </ul>
        </>
      )}
      {run.skipped.length > 0 && (
        <>
          <h3 className={styles.subheading}>Not done</h3>
          <ul className={styles.results} aria-label="Not done">
            {run.skipped.map((step) => (
              <li key={step.key}>
                {step.label}: {step.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
