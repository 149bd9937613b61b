/** Listens for the capture shortcuts anywhere in the page and runs the matching command. */
import { useEffect, useRef } from 'react';
import { captureCommandFor, type CaptureCommand } from './captureShortcuts';

export function useCaptureShortcuts(run: (command: CaptureCommand) => void): void {
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const command = captureCommandFor(event);
      if (!command) return;
      event.preventDefault();
      latest.current(command);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
