/**
 * What the planning functions share while they build one plan: the meeting and the committee,
 * what earlier runs of the meeting finished (results by key, for updating in place), what they
 * left in doubt, the run being resumed or taken over, and the lists of steps and skips they add to.
 */
import type { CommitteeSettings, MeetingView } from '../domain';
import type { MinutesDocument } from '../minutes';
import type { PublishRunRecord, PublishStepRecord } from '../store';
import { markerOf } from './publishKeys';
import type { LinksToDocument, PublishStep, SkippedStep } from './PublishPlan';

export interface PublishHistory {
  runs: readonly PublishRunRecord[];
  steps: readonly PublishStepRecord[];
}

export interface PublishOptions {
  /** Where the minutes will be (known before uploading): steps that link to them need not wait. */
  documentUrlHint?: string;
  /** Post to the chat and mail the list again, though an earlier publish did. */
  announceAgain?: boolean;
}

const IN_DOUBT = new Set(['pending', 'unknown']);

export class PlanContext {
  readonly meetingId: string;
  readonly steps: PublishStep[] = [];
  readonly skipped: SkippedStep[] = [];
  /** The latest done record per key from earlier runs (not the one being resumed). */
  readonly earlier = new Map<string, PublishStepRecord>();
  /** Keys whose latest record in an earlier run is in doubt (sent, outcome unknown). */
  readonly inDoubt = new Map<string, PublishStepRecord>();
  /** Records of the run being resumed. */
  readonly thisRun: readonly PublishStepRecord[];
  /** Records of the unfinished run a new run takes over from. */
  readonly superseded: readonly PublishStepRecord[];
  /** The document step's key once it is planned: linking steps wait for it. */
  documentKey: string | null = null;

  constructor(
    readonly tenantId: string,
    readonly view: MeetingView,
    readonly committee: CommitteeSettings,
    readonly minutes: MinutesDocument,
    history: PublishHistory,
    runs: { resume: string | null; supersede: string | null },
    readonly options: PublishOptions,
  ) {
    this.meetingId = view.id;
    // Steps come by run, oldest first: the last record of a key is its latest outcome.
    const latest = new Map<string, PublishStepRecord>();
    for (const step of history.steps) {
      if (step.meetingId !== view.id || step.runId === runs.resume) continue;
      latest.set(step.key, step);
      if (step.status === 'done') this.earlier.set(step.key, step);
    }
    for (const [key, step] of latest) if (IN_DOUBT.has(step.status)) this.inDoubt.set(key, step);
    const of = (runId: string | null) =>
      runId ? history.steps.filter((step) => step.runId === runId) : [];
    this.thisRun = of(runs.resume);
    this.superseded = of(runs.supersede);
  }

  add(step: PublishStep): void {
    this.steps.push(step);
  }

  skip(key: string, kind: PublishStep['kind'], label: string, reason: string): void {
    this.skipped.push({ key, kind, label, reason });
  }

  /** What an earlier publish recorded for `key`, or null. */
  resultOf(key: string): Record<string, unknown> | null {
    return this.earlier.get(key)?.result ?? null;
  }

  /** The marker of a key of this tenant's meeting (publishKeys.ts). */
  marker(key: string): string {
    return markerOf(this.tenantId, key);
  }

  /** Where a step's link to the minutes comes from: the hint, or the document step. */
  link(): LinksToDocument {
    return this.options.documentUrlHint
      ? { documentKey: null, documentUrlHint: this.options.documentUrlHint }
      : { documentKey: this.documentKey, documentUrlHint: null };
  }

  /** The keys a linking step waits for. */
  static after(links: LinksToDocument): string[] {
    return links.documentKey ? [links.documentKey] : [];
  }
}

export function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function strings(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
    ? (value as string[])
    : null;
}
