import { makeStyles, tokens } from '@fluentui/react-components';

export const useQuorumIndicatorStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'baseline',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
  },
  large: {
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
  },
  summary: {
    color: tokens.colorNeutralForeground2,
  },
});
