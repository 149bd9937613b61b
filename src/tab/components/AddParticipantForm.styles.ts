import { makeStyles, tokens } from '@fluentui/react-components';

export const useAddParticipantFormStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    margin: 0,
    '@media (forced-colors: active)': {
      border: `${tokens.strokeWidthThin} solid CanvasText`,
    },
  },
  legend: {
    fontWeight: tokens.fontWeightSemibold,
    padding: `0 ${tokens.spacingHorizontalXS}`,
  },
  button: { alignSelf: 'flex-start' },
});
