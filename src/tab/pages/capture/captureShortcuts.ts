/**
 * The side panel's keyboard shortcuts: Alt plus a key, matched on the physical key (`code`) so
 * that Option on a Mac (which types special characters) works too. docs/keyboard.md lists them.
 */
export type CaptureCommand =
  | { kind: 'nextItem' }
  | { kind: 'openItem'; number: number }
  | { kind: 'focusNote' }
  | { kind: 'focusDecision' }
  | { kind: 'focusAction' }
  | { kind: 'showAgenda' }
  | { kind: 'showAttendance' }
  | { kind: 'showOutstanding' }
  | { kind: 'toggleHelp' };

export const CAPTURE_SHORTCUTS: readonly { keys: string; description: string }[] = [
  { keys: 'Alt+N', description: 'Open the next agenda item' },
  { keys: 'Alt+1 … Alt+9', description: 'Open agenda item 1 to 9' },
  { keys: 'Alt+T', description: 'Type a note on the current item' },
  { keys: 'Alt+D', description: 'Record a decision' },
  { keys: 'Alt+A', description: 'Raise an action' },
  { keys: 'Ctrl+Enter', description: 'Note: finish it and start the next; action: raise it' },
  { keys: 'Alt+G', description: 'Show the agenda and notes' },
  { keys: 'Alt+R', description: 'Show attendance (roll call)' },
  { keys: 'Alt+O', description: 'Show outstanding actions' },
  { keys: 'Alt+H', description: 'Show or hide this list' },
];

const BY_CODE: Record<string, CaptureCommand> = {
  KeyN: { kind: 'nextItem' },
  KeyT: { kind: 'focusNote' },
  KeyD: { kind: 'focusDecision' },
  KeyA: { kind: 'focusAction' },
  KeyG: { kind: 'showAgenda' },
  KeyR: { kind: 'showAttendance' },
  KeyO: { kind: 'showOutstanding' },
  KeyH: { kind: 'toggleHelp' },
};

export function captureCommandFor(
  event: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'>,
): CaptureCommand | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  const digit = /^(?:Digit|Numpad)([1-9])$/.exec(event.code);
  if (digit) return { kind: 'openItem', number: Number(digit[1]) };
  return BY_CODE[event.code] ?? null;
}
