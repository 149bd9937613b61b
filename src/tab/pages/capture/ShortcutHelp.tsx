/** The list of keyboard shortcuts, in a popover opened by its button or by Alt+H. */
import { Button, Popover, PopoverSurface, PopoverTrigger } from '@fluentui/react-components';
import { CAPTURE_SHORTCUTS } from './captureShortcuts';
import { useShortcutHelpStyles } from './ShortcutHelp.styles';

export interface ShortcutHelpProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

export function ShortcutHelp({ open, onOpenChange }: ShortcutHelpProps) {
  const styles = useShortcutHelpStyles();
  return (
    <Popover
      open={open}
      onOpenChange={(_event, data) => onOpenChange(data.open)}
      withArrow
      trapFocus
    >
      <PopoverTrigger disableButtonEnhancement>
        <Button size="small" appearance="subtle" aria-keyshortcuts="Alt+H">
          Shortcuts
        </Button>
      </PopoverTrigger>
      {/* Nothing inside takes the focus, so the surface does (tabIndex): with the focus left
          outside, the focus trap would hide the list from screen readers (aria-hidden). */}
      <PopoverSurface
        className={styles.surface}
        aria-labelledby="shortcut-help-heading"
        tabIndex={-1}
      >
        <h2 id="shortcut-help-heading" className={styles.heading}>
          Keyboard shortcuts
        </h2>
        <table className={styles.table}>
          <tbody>
            {CAPTURE_SHORTCUTS.map((shortcut) => (
              <tr key={shortcut.keys}>
                <th scope="row" className={styles.keys}>
                  {shortcut.keys}
                </th>
                <td>{shortcut.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </PopoverSurface>
    </Popover>
  );
}
