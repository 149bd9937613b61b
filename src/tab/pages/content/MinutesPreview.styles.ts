import { makeStyles, tokens } from '@fluentui/react-components';

export const useMinutesPreviewStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
  },
  frame: {
    width: '100%',
    height: '70vh',
    minHeight: '24rem',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackgroundStatic,
    '@media (forced-colors: active)': {
      border: `${tokens.strokeWidthThin} solid CanvasText`,
    },
  },
});
