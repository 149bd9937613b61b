/** How components record a change: the session's `submit`, passed down so components stay pure. */
import type { OperationType } from '../../domain';
import type { PayloadInput } from '../sync/MeetingSession';

export type Submit = <K extends OperationType>(
  type: K,
  payload: PayloadInput<K>,
) => Promise<string>;
