import { makeStyles, tokens } from '@fluentui/react-components';

/** Shared by the quick decision and quick action forms. */
export const useQuickFormStyles = makeStyles({
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  row: {
    display: 'flex',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalS,
  },
  verb: {
    flexShrink: 0,
    width: '8rem',
  },
  grow: {
    flexGrow: 1,
    minWidth: 0,
  },
  /** An input that shrinks with its field instead of keeping its intrinsic width. */
  fill: {
    width: '100%',
    minWidth: 0,
  },
  choices: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalXS,
    border: 'none',
    margin: 0,
    padding: 0,
  },
  legend: {
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    padding: 0,
    marginBottom: tokens.spacingVerticalXXS,
  },
  submit: {
    alignSelf: 'flex-start',
  },
});
