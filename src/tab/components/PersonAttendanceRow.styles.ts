import { makeStyles, tokens } from '@fluentui/react-components';

export const usePersonAttendanceRowStyles = makeStyles({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    '@media (forced-colors: active)': { borderBottomColor: 'GrayText' },
  },
  who: {
    display: 'flex',
    flexDirection: 'column',
    flexGrow: 1,
    flexBasis: '8rem',
    minWidth: 0,
  },
  name: {
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
  },
  meta: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
  },
  controls: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
  },
  details: {
    flexBasis: '100%',
  },
});
