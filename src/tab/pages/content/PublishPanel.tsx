/**
 * Publishing (minutes to the team, actions as tasks) comes with the Microsoft Graph integration.
 * Until then the button is shown disabled, with the reason, and nothing pretends to succeed.
 */
import { Button } from '@fluentui/react-components';
import { usePublishPanelStyles } from './PublishPanel.styles';

export function PublishPanel() {
  const styles = usePublishPanelStyles();
  return (
    <div className={styles.root}>
      <p id="publish-explanation" className={styles.text}>
        Publishing the minutes to the team and the actions as tasks arrives with the Microsoft Graph
        integration, which is not installed yet. Until then, download the Word document and
        circulate it as you do today.
      </p>
      <Button appearance="primary" disabledFocusable aria-describedby="publish-explanation">
        Publish minutes
      </Button>
    </div>
  );
}
