import { makeStyles, tokens } from '@fluentui/react-components';

export const useAgendaEditorStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: tokens.spacingVerticalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    '@media (forced-colors: active)': { borderBottomColor: 'GrayText' },
  },
  sub: { paddingLeft: tokens.spacingHorizontalXXL },
  number: {
    minWidth: '2.2rem',
    fontWeight: tokens.fontWeightSemibold,
    fontVariantNumeric: 'tabular-nums',
  },
  title: { flexGrow: 1, minWidth: '12rem' },
  presenter: { width: '7rem' },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalXXS },
  add: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalS,
  },
});
