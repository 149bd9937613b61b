import { makeStaticStyles, makeStyles, tokens } from '@fluentui/react-components';

/** The browser's default 8 px body margin would frame the themed page in white. */
export const usePageReset = makeStaticStyles({ body: { margin: 0 } });

export const useTabRootStyles = makeStyles({
  root: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    '@media (forced-colors: active)': {
      backgroundColor: 'Canvas',
      color: 'CanvasText',
    },
  },
});
