import { makeStyles, tokens } from '@fluentui/react-components';

export const useSyncStatusBadgeStyles = makeStyles({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    fontSize: tokens.fontSizeBase200,
  },
  dot: {
    width: '8px',
    height: '8px',
    borderRadius: tokens.borderRadiusCircular,
    flexShrink: 0,
    '@media (forced-colors: active)': {
      backgroundColor: 'CanvasText',
    },
  },
  saved: { backgroundColor: tokens.colorPaletteGreenForeground1 },
  saving: { backgroundColor: tokens.colorBrandForeground1 },
  offline: { backgroundColor: tokens.colorPaletteDarkOrangeForeground1 },
  refused: { backgroundColor: tokens.colorPaletteRedForeground1 },
  refusedText: {
    color: tokens.colorPaletteRedForeground1,
    '@media (forced-colors: active)': { color: 'CanvasText' },
  },
});
