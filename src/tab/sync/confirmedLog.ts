/**
 * The confirmed log: every op the server has given a seq, folded in seq order with the domain's
 * own fold, with no gap. Pure: ops come in from wherever they were read (`GET /ops`, the stream,
 * this browser's cache); an op at or below the last seq is one it has already (a replay) and is
 * skipped; an op beyond the next seq is a gap, which stops the append so that the caller reads
 * the missing ops first.
 */
import { applyOperation } from '../../domain/applyOperation';
import { emptyMeetingState, type MeetingState } from '../../domain/meetingState';
import type { LogEntry } from './wire';

export interface AppendResult {
  /** The entries that continued the log, in seq order. */
  fresh: LogEntry[];
  /** True when an entry skipped a seq (it and those after it were not applied). */
  gap: boolean;
}

export class ConfirmedLog {
  private folded: MeetingState;
  private readonly ids = new Set<string>();
  private lastId: string | null = null;

  constructor(private readonly meetingId: string) {
    this.folded = emptyMeetingState(meetingId);
  }

  /** The last confirmed seq (0 for an empty log). */
  get seq(): number {
    return this.folded.seq;
  }

  /** The id of the op at `seq`, to check that a cached log is the server's log. */
  get lastOpId(): string | null {
    return this.lastId;
  }

  /** The folded state; callers must not change it (the overlay folds on a copy). */
  get state(): MeetingState {
    return this.folded;
  }

  has(opId: string): boolean {
    return this.ids.has(opId);
  }

  append(entries: readonly LogEntry[]): AppendResult {
    const fresh: LogEntry[] = [];
    for (const entry of entries) {
      if (entry.seq <= this.folded.seq) continue;
      if (entry.seq !== this.folded.seq + 1) return { fresh, gap: true };
      this.apply(entry);
      fresh.push(entry);
    }
    return { fresh, gap: false };
  }

  /** Forgets everything (the cached log turned out to be another log). */
  reset(): void {
    this.folded = emptyMeetingState(this.meetingId);
    this.ids.clear();
    this.lastId = null;
  }

  private apply(entry: LogEntry): void {
    if (entry.op) {
      try {
        applyOperation(this.folded, entry.op);
      } catch (error) {
        // The fold never throws on a valid op; if it did, the seq is taken and nothing else.
        console.warn(`Minutebook: op ${entry.id} (${entry.op.type}) could not be shown`, error);
      }
    } else {
      console.warn(`Minutebook: op ${entry.id} is of a type this tab does not know; reload it.`);
    }
    this.folded.seq = entry.seq;
    this.ids.add(entry.id);
    this.lastId = entry.id;
  }
}

/** Whether cached entries are a whole log: seqs 1, 2, 3… with none missing. */
export function isWholeLog(entries: readonly LogEntry[]): boolean {
  return entries.length > 0 && entries.every((entry, index) => entry.seq === index + 1);
}
