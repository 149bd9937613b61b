/**
 * This browser's copy of a meeting's confirmed log and committee, in IndexedDB (the outbox's
 * database), so that a reload while offline still shows the meeting. Writes are gathered for a
 * moment and run one after another; a failed write only costs the cache, never the session.
 * What is read back is parsed (`Outbox.readLog`, `readMeeting`): a bad entry is dropped there with
 * a warning, and a log with a hole in it is not used at all.
 */
import type { Committee } from '../../domain/committee';
import { isWholeLog } from './confirmedLog';
import type { CachedMeeting, Outbox } from './Outbox';
import type { LogEntry } from './wire';

/** How long appends are gathered before one write. */
const PERSIST_DELAY_MS = 100;

export interface CachedCopy {
  meeting: CachedMeeting;
  entries: LogEntry[];
}

export class LogCache {
  private unsaved: LogEntry[] = [];
  private replaceNext = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly outbox: Pick<
      Outbox,
      'readLog' | 'appendLog' | 'replaceLog' | 'readMeeting' | 'writeMeeting'
    >,
    private readonly meetingId: string,
  ) {}

  /** The cached meeting and its whole log, or null if there is none (or it has a hole). */
  async read(): Promise<CachedCopy | null> {
    const [meeting, entries] = await Promise.all([
      this.outbox.readMeeting(this.meetingId).catch(() => null),
      this.outbox.readLog(this.meetingId).catch((): LogEntry[] => []),
    ]);
    if (!meeting || !isWholeLog(entries)) return null;
    return { meeting, entries };
  }

  /** Adds confirmed entries (written shortly, with any others that come meanwhile). */
  append(entries: readonly LogEntry[]): void {
    if (this.closed || entries.length === 0) return;
    this.unsaved.push(...entries);
    this.schedule();
  }

  /** The log is another one than cached: the next write replaces it. */
  replace(): void {
    this.unsaved = [];
    this.replaceNext = true;
    this.schedule();
  }

  saveMeeting(committee: Committee, actor: string | null): void {
    if (this.closed) return;
    this.chain(() => this.outbox.writeMeeting(this.meetingId, { committee, actor }));
  }

  /** Writes what is waiting now; resolves when every write so far has ended. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const entries = this.unsaved;
    const replace = this.replaceNext;
    this.unsaved = [];
    this.replaceNext = false;
    if (entries.length > 0 || replace) {
      this.chain(() =>
        replace
          ? this.outbox.replaceLog(this.meetingId, entries)
          : this.outbox.appendLog(this.meetingId, entries),
      );
    }
    return this.writing;
  }

  /** Writes what is waiting, then takes no more. */
  close(): Promise<void> {
    const done = this.flush();
    this.closed = true;
    return done;
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, PERSIST_DELAY_MS);
  }

  private chain(write: () => Promise<void>): void {
    // Best effort: the server has the log; a write that fails (storage full, the database closed
    // as the page goes) costs only the offline copy, which is read again from the server.
    this.writing = this.writing.then(write).catch(() => undefined);
  }
}
