import { makeStyles, tokens } from '@fluentui/react-components';

export const usePersonDetailsStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    marginTop: tokens.spacingVerticalXS,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
    '@media (forced-colors: active)': {
      border: `${tokens.strokeWidthThin} solid CanvasText`,
    },
  },
  items: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalS,
  },
  alternate: {
    display: 'flex',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalS,
  },
  grow: { flexGrow: 1, minWidth: 0 },
});
