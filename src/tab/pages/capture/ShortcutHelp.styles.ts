import { makeStyles, tokens } from '@fluentui/react-components';

export const useShortcutHelpStyles = makeStyles({
  surface: {
    maxWidth: '18rem',
  },
  heading: {
    margin: `0 0 ${tokens.spacingVerticalS}`,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  table: {
    borderCollapse: 'collapse',
    fontSize: tokens.fontSizeBase200,
  },
  keys: {
    paddingRight: tokens.spacingHorizontalM,
    whiteSpace: 'nowrap',
    verticalAlign: 'top',
    fontFamily: tokens.fontFamilyMonospace,
    textAlign: 'left',
    fontWeight: tokens.fontWeightRegular,
  },
});
