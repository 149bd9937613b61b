/**
 * How the executor drives one kind of step through a pass: which reads it needs first (a lookup
 * to reconcile an outcome in doubt, an etag, a To Do list id), then, with the answers, whether it
 * is already done or which write to make, and how to take an error answer to that write.
 *
 * Reads and writes are data (BatchRequest) wherever Graph allows, so the executor can put the
 * independent ones of a wave into shared $batch requests; only the document's bytes go direct.
 */
import type { BatchRequest, GraphClient } from '../graph';
import { GraphRequestError } from '../graph';
import type { MinutesDocument } from '../minutes';
import type { PublishStepRecord } from '../store';
import type { PublishGraph } from './publishGraph';
import type { LinksToDocument, PublishIdentity, PublishStep } from './PublishPlan';

export type StepResult = Record<string, unknown>;

export interface StepState {
  /** This run's ledger record of the step, or the in-doubt record an earlier run left for it. */
  record: PublishStepRecord | undefined;
  /** Sent before, outcome unknown (pending after a crash, or unknown): look before writing. */
  inDoubt: boolean;
  /** The record is an earlier run's (this run has not touched the step yet). */
  inherited: boolean;
  /** Refused with 412 (or 409) in this call: read the current etag before writing again. */
  stale: boolean;
  /** The object an earlier publish made is gone (404 on update): create it anew. */
  recreate: boolean;
}

/** The error code a step is recorded with when the object it made is found gone. */
export const GONE = 'gone';

/** A refusal of ours, with a code, that stops the run (nothing was sent for it). */
export class StepRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'StepRefusal';
  }
}

export interface DriverContext {
  /** The run being executed (drafts carry it, so a draft of another run is never taken). */
  runId: string;
  minutes: MinutesDocument;
  graph: PublishGraph;
  /** The result of a step done in this run (the document's webUrl, the task's id). */
  resultOf(key: string): StepResult | null;
  /** The link to the minutes for a step: the hint, or the document step's webUrl. */
  documentUrl(step: LinksToDocument): string | null;
  /** The .docx, rendered once per call. */
  docx(): Promise<Uint8Array>;
}

export type Read =
  /** One GET, answered inside a $batch. */
  | { id: string; identity: PublishIdentity; request: BatchRequest }
  /** Every page of a collection (a reconciliation that must see all of it). */
  | { id: string; identity: PublishIdentity; collect: string; headers?: Record<string, string> };

export type Answer = { ok: true; body: unknown } | { ok: false; error: GraphRequestError };

export type Answers = ReadonlyMap<string, Answer>;

export type Write = {
  identity: PublishIdentity;
  /** Kept with the pending record: what a later reconciliation compares against. */
  pending?: StepResult;
} & (
  | { request: BatchRequest; parse(body: unknown): StepResult }
  | { direct(client: GraphClient): Promise<StepResult> }
);

export type Decision =
  | { kind: 'done'; result: StepResult }
  | { kind: 'write'; write: Write }
  | { kind: 'fail'; error: unknown }
  /** The object this step would update is gone: create it anew in the next pass. */
  | { kind: 'recreate' }
  /** The object an earlier step of this run made, which this one writes on, is gone. */
  | { kind: 'reopen' };

/**
 * What an error answer to a write means: done after all, read again (stale), create anew, do the
 * step this one writes on again (reopen: its object is gone), or a failure.
 */
export type ErrorVerdict = 'done' | 'stale' | 'recreate' | 'reopen' | 'failed';

export interface StepDriver<S extends PublishStep = PublishStep> {
  reads(step: S, state: StepState, ctx: DriverContext): Read[];
  decide(step: S, state: StepState, answers: Answers, ctx: DriverContext): Promise<Decision>;
  onError?(step: S, state: StepState, error: GraphRequestError): ErrorVerdict;
  /** The steps whose objects this one writes on: done again when it answers `reopen`. */
  parents?(step: S): string[];
  /**
   * A GET of the object a done step made (from its result), for a run that resumes: a 404 means
   * it vanished since (deleted, a sandbox restarted) and the step is done again.
   */
  verify?(step: S, result: StepResult): BatchRequest | null;
}

/** An update whose object is gone (404) creates it anew, once; anything else is a failure. */
export function onMissing(state: StepState, error: GraphRequestError): ErrorVerdict {
  return error.status === 404 && !state.recreate ? 'recreate' : 'failed';
}

/** A read answered 404: the object is gone. */
export function isGone(answer: Answer): boolean {
  return !answer.ok && answer.error.status === 404;
}

/** The body of a read, or the error it was answered with. */
export function answerOf(answers: Answers, id: string): Answer {
  return (
    answers.get(id) ?? {
      ok: false,
      error: GraphRequestError.invalidResponse(`the read ${id} was not made`),
    }
  );
}

/** The body of a successful read; a failed one ends the decision with its error. */
export function bodyOf(answers: Answers, id: string): unknown {
  const answer = answerOf(answers, id);
  if (!answer.ok) throw answer.error;
  return answer.body;
}

/** A needed result of an earlier step of this run (the executor orders steps so it exists). */
export function needResult(ctx: DriverContext, key: string, field: string): string {
  const value = ctx.resultOf(key)?.[field];
  if (typeof value !== 'string' || value === '') {
    throw new Error(`The publish step ${key} has no ${field} recorded; publish again to redo it.`);
  }
  return value;
}

export function textOf(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function encode(value: string): string {
  return encodeURIComponent(value);
}
