import { makeStyles, tokens } from '@fluentui/react-components';

export const useAgendaNavigatorStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    maxHeight: '13rem',
    overflowY: 'auto',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXXS} ${tokens.spacingVerticalXXS} 0`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    '@media (forced-colors: active)': {
      borderTopColor: 'GrayText',
      borderBottomColor: 'GrayText',
    },
  },
  item: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderRadius: tokens.borderRadiusMedium,
    borderLeft: `${tokens.strokeWidthThicker} solid transparent`,
    // Forced colours paint every border; keep the marker for the current item only.
    '@media (forced-colors: active)': { borderLeftColor: 'Canvas' },
  },
  sub: {
    paddingLeft: tokens.spacingHorizontalXL,
  },
  current: {
    backgroundColor: tokens.colorBrandBackground2,
    borderLeftColor: tokens.colorBrandStroke1,
    '@media (forced-colors: active)': {
      backgroundColor: 'Highlight',
      color: 'HighlightText',
      forcedColorAdjust: 'none',
      borderLeftColor: 'HighlightText',
    },
  },
  number: {
    minWidth: '1.8rem',
    fontVariantNumeric: 'tabular-nums',
    fontWeight: tokens.fontWeightSemibold,
  },
  title: {
    flexGrow: 1,
    minWidth: 0,
    overflowWrap: 'anywhere',
    fontSize: tokens.fontSizeBase200,
  },
  open: {
    minWidth: 'auto',
    flexShrink: 0,
  },
});
