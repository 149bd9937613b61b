import { makeStyles, tokens } from '@fluentui/react-components';

export const useCapturePageStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    maxWidth: '40rem',
    boxSizing: 'border-box',
  },
  tabs: {
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})`,
  },
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  empty: {
    margin: 0,
    color: tokens.colorNeutralForeground3,
  },
});
