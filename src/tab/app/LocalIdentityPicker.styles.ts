import { makeStyles, tokens } from '@fluentui/react-components';

export const useLocalIdentityPickerStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    fontSize: tokens.fontSizeBase200,
    '@media (forced-colors: active)': {
      borderBottomColor: 'CanvasText',
    },
  },
  select: {
    minWidth: 0,
    flexGrow: 1,
    maxWidth: '16rem',
  },
});
