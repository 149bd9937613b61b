import { makeStyles, tokens } from '@fluentui/react-components';

export const usePublishPanelStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalS,
    maxWidth: '44rem',
  },
  text: { margin: 0 },
});
