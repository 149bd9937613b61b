import { captureCommandFor } from './captureShortcuts';

const key = (code: string, extra: Partial<KeyboardEvent> = {}) => ({
  altKey: true,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  code,
  ...extra,
});

describe('capture shortcuts', () => {
  it('maps Alt + the physical key to a command', () => {
    expect(captureCommandFor(key('KeyN'))).toEqual({ kind: 'nextItem' });
    expect(captureCommandFor(key('Digit4'))).toEqual({ kind: 'openItem', number: 4 });
    expect(captureCommandFor(key('Numpad9'))).toEqual({ kind: 'openItem', number: 9 });
    expect(captureCommandFor(key('KeyD'))).toEqual({ kind: 'focusDecision' });
    expect(captureCommandFor(key('KeyA'))).toEqual({ kind: 'focusAction' });
    expect(captureCommandFor(key('KeyH'))).toEqual({ kind: 'toggleHelp' });
  });

  it('ignores other keys and other modifiers', () => {
    expect(captureCommandFor(key('KeyN', { altKey: false }))).toBeNull();
    expect(captureCommandFor(key('KeyN', { ctrlKey: true }))).toBeNull();
    expect(captureCommandFor(key('KeyN', { shiftKey: true }))).toBeNull();
    expect(captureCommandFor(key('Digit0'))).toBeNull();
    expect(captureCommandFor(key('KeyZ'))).toBeNull();
  });
});
