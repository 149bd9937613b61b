import { makeStyles, tokens } from '@fluentui/react-components';

export const useAttendanceToggleStyles = makeStyles({
  root: {
    display: 'inline-flex',
    gap: tokens.spacingHorizontalXXS,
  },
  button: {
    minWidth: 'auto',
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
  },
  present: {
    '&[aria-pressed="true"]': {
      backgroundColor: tokens.colorPaletteGreenBackground3,
      color: tokens.colorNeutralForegroundOnBrand,
    },
  },
  apologies: {
    '&[aria-pressed="true"]': {
      backgroundColor: tokens.colorPaletteMarigoldBackground3,
      color: tokens.colorNeutralForeground1,
    },
  },
  absent: {
    '&[aria-pressed="true"]': {
      backgroundColor: tokens.colorNeutralBackground5,
      color: tokens.colorNeutralForeground1,
    },
  },
  forcedColors: {
    '@media (forced-colors: active)': {
      '&[aria-pressed="true"]': {
        backgroundColor: 'Highlight',
        color: 'HighlightText',
        forcedColorAdjust: 'none',
      },
    },
  },
});
