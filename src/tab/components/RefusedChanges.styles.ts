import { makeStyles, tokens } from '@fluentui/react-components';

export const useRefusedChangesStyles = makeStyles({
  list: {
    margin: `${tokens.spacingVerticalXS} 0 0`,
    paddingLeft: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  text: {
    userSelect: 'all',
    overflowWrap: 'anywhere',
  },
});
