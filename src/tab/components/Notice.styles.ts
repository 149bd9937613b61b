import { makeStyles, tokens } from '@fluentui/react-components';

export const useNoticeStyles = makeStyles({
  root: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    color: tokens.colorNeutralForeground1,
    '@media (forced-colors: active)': { border: `${tokens.strokeWidthThick} solid CanvasText` },
  },
  title: { fontWeight: tokens.fontWeightSemibold },
  error: {
    backgroundColor: tokens.colorStatusDangerBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusDangerBorder1}`,
  },
  success: {
    backgroundColor: tokens.colorStatusSuccessBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusSuccessBorder1}`,
  },
  info: {
    backgroundColor: tokens.colorNeutralBackground3,
  },
});
