/**
 * How far a run got, read from the store alone: a run records its plan's step keys when it starts
 * or resumes (its report while it runs), so a run that a server left half-way (interrupted) still
 * says "13 of 25 steps done", not "13 of 13". A finished run's report holds its own counts.
 */
import type { PublishRunRecord, PublishStepRecord } from '../store';
import type { SkippedStep } from './PublishPlan';

/** A running run's report: what it set out to do. */
export interface RunningSnapshot {
  status: 'running';
  runId: string;
  publishNo: number;
  total: number;
  /** The keys of the plan's steps, in the order they are numbered. */
  planned: string[];
  skipped: SkippedStep[];
}

export function isRunningSnapshot(value: unknown): value is RunningSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const snapshot = value as Partial<RunningSnapshot>;
  return (
    snapshot.status === 'running' &&
    typeof snapshot.total === 'number' &&
    Array.isArray(snapshot.planned) &&
    snapshot.planned.every((key) => typeof key === 'string')
  );
}

interface FinishedCounts {
  completed: number;
  total: number;
}

function finishedCounts(value: unknown): FinishedCounts | null {
  if (typeof value !== 'object' || value === null) return null;
  const report = value as Partial<FinishedCounts> & { status?: unknown };
  if (report.status !== 'done' && report.status !== 'failed') return null;
  return typeof report.completed === 'number' && typeof report.total === 'number'
    ? { completed: report.completed, total: report.total }
    : null;
}

/** Steps done of the run's plan, and how many the plan has. */
export function runProgress(
  run: PublishRunRecord,
  steps: readonly PublishStepRecord[],
): { completed: number; total: number } {
  const finished = finishedCounts(run.report);
  if (finished) return finished;
  const own = steps.filter((step) => step.runId === run.runId);
  const done = new Set(own.filter((step) => step.status === 'done').map((step) => step.key));
  if (isRunningSnapshot(run.report)) {
    return {
      completed: run.report.planned.filter((key) => done.has(key)).length,
      total: run.report.total,
    };
  }
  // A run recorded before runs kept their plan: what its records show.
  return { completed: done.size, total: own.length };
}
