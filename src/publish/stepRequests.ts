/**
 * The requests of a pass, as few round trips as Graph allows: reads as GETs in one $batch per
 * client (collections paged directly), writes in $batch requests of at most 20 per client and the
 * document's bytes on their own, at most `concurrency` round trips in flight. Identities that
 * resolve to the same client (files, tasks and chat as the secretary, say) share their batches.
 *
 * Each write unit is marked `pending` in the ledger before it is sent, and every outcome in it is
 * recorded (done, unknown, failed) before the unit returns.
 */
import type { BatchRequest } from '../graph';
import { GraphRequestError } from '../graph';
import { batchItemBody, MAX_BATCH_SIZE } from '../graph/batch';
import { collectPages } from '../graph/paging';
import { STEP_DRIVERS } from './drivers';
import type { PublishLedger, StepChange } from './publishLedger';
import type { PublishIdentity, PublishStep } from './PublishPlan';
import {
  StepRefusal,
  type Answer,
  type DriverContext,
  type ErrorVerdict,
  type Read,
  type StepResult,
  type StepState,
  type Write,
} from './stepDriver';

export type StepEvent = 'running' | 'done' | 'reconciled' | 'retrying' | 'unknown' | 'failed';

export interface SendOptions {
  ledger: PublishLedger;
  ctx: DriverContext;
  emit: (step: PublishStep, status: StepEvent, message?: string) => void;
  concurrency: number;
}

export async function runReads(
  reads: readonly Read[],
  ctx: DriverContext,
): Promise<Map<string, Answer>> {
  const answers = new Map<string, Answer>();
  type Group = { identity: PublishIdentity; entries: { id: string; request: BatchRequest }[] };
  const byClient = new Map<unknown, Group>();
  const collections: Promise<void>[] = [];
  for (const read of reads) {
    if ('request' in read) {
      const key = clientKey(ctx, read.identity);
      const group = byClient.get(key) ?? { identity: read.identity, entries: [] };
      group.entries.push({ id: read.id, request: read.request });
      byClient.set(key, group);
    } else {
      collections.push(
        (async () => {
          try {
            const client = ctx.graph.client(read.identity);
            const items = await collectPages(client, read.collect, (value) => value, {
              ...(read.headers ? { headers: read.headers } : {}),
            });
            answers.set(read.id, { ok: true, body: items });
          } catch (error) {
            answers.set(read.id, { ok: false, error: asGraphError(error) });
          }
        })(),
      );
    }
  }
  const batches = [...byClient.values()].map(async ({ identity, entries: group }) => {
    try {
      const results = await ctx.graph.batch(
        identity,
        group.map((entry) => entry.request),
      );
      group.forEach((entry, index) => {
        try {
          answers.set(entry.id, {
            ok: true,
            body: batchItemBody(results[index]!, `GET ${entry.id}`),
          });
        } catch (error) {
          answers.set(entry.id, { ok: false, error: asGraphError(error) });
        }
      });
    } catch (error) {
      for (const entry of group) answers.set(entry.id, { ok: false, error: asGraphError(error) });
    }
  });
  await Promise.all([...collections, ...batches]);
  return answers;
}

export interface Verdict {
  step: PublishStep;
  verdict: ErrorVerdict | 'ok' | 'unknown';
  error?: unknown;
}

/** Sends the writes: batches per identity (20 each) and direct ones, a few at a time. */
export async function sendWrites(
  writes: readonly { step: PublishStep; write: Write }[],
  options: SendOptions,
  stateOf: (step: PublishStep) => StepState,
): Promise<Verdict[]> {
  const units: (() => Promise<Verdict[]>)[] = [];
  const batched = new Map<unknown, { step: PublishStep; write: Write }[]>();
  for (const entry of writes) {
    if ('direct' in entry.write) {
      units.push(() => sendUnit([entry], options, stateOf));
    } else {
      const key = clientKey(options.ctx, entry.write.identity);
      const group = batched.get(key) ?? [];
      group.push(entry);
      batched.set(key, group);
    }
  }
  for (const group of batched.values()) {
    for (let start = 0; start < group.length; start += MAX_BATCH_SIZE) {
      const chunk = group.slice(start, start + MAX_BATCH_SIZE);
      units.push(() => sendUnit(chunk, options, stateOf));
    }
  }
  const verdicts: Verdict[] = [];
  let next = 0;
  const worker = async () => {
    while (next < units.length) {
      const unit = units[next++] as () => Promise<Verdict[]>;
      verdicts.push(...(await unit()));
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, units.length) }, worker));
  return verdicts;
}

/** One round trip: pending first, then the request, then every outcome, before returning. */
async function sendUnit(
  unit: readonly { step: PublishStep; write: Write }[],
  options: SendOptions,
  stateOf: (step: PublishStep) => StepState,
): Promise<Verdict[]> {
  const { ledger, ctx } = options;
  await ledger.record(
    unit.map(({ step, write }) => ({
      step,
      status: 'pending',
      sent: true,
      ...(write.pending ? { result: write.pending } : {}),
    })),
  );
  for (const { step } of unit) options.emit(step, 'running');
  const outcomes: ({ ok: true; result: StepResult } | { ok: false; error: unknown })[] = [];
  const first = unit[0]!.write;
  if ('direct' in first) {
    try {
      outcomes.push({ ok: true, result: await first.direct(ctx.graph.client(first.identity)) });
    } catch (error) {
      outcomes.push({ ok: false, error });
    }
  } else {
    const requests = unit.map(({ write }) => ('request' in write ? write.request : null)!);
    try {
      const results = await ctx.graph.batch(first.identity, requests);
      unit.forEach(({ step, write }, index) => {
        try {
          const body = batchItemBody(results[index]!, step.label);
          outcomes.push({ ok: true, result: 'parse' in write ? write.parse(body) : {} });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      });
    } catch (error) {
      for (let index = 0; index < unit.length; index += 1) outcomes.push({ ok: false, error });
    }
  }
  const changes: StepChange[] = [];
  const verdicts: Verdict[] = [];
  unit.forEach(({ step }, index) => {
    const outcome = outcomes[index]!;
    if (outcome.ok) {
      changes.push({ step, status: 'done', result: outcome.result });
      verdicts.push({ step, verdict: 'ok' });
      return;
    }
    const error = outcome.error;
    if (error instanceof GraphRequestError && error.outcomeUnknown) {
      changes.push({ step, status: 'unknown', error: errorRecord(error) });
      verdicts.push({ step, verdict: 'unknown', error });
      return;
    }
    const verdict =
      error instanceof GraphRequestError
        ? (STEP_DRIVERS[step.kind].onError?.(step, stateOf(step), error) ?? 'failed')
        : 'failed';
    if (verdict === 'done') {
      changes.push({ step, status: 'done', result: { confirmedBy: errorRecord(error).code } });
    } else {
      changes.push({ step, status: 'failed', error: errorRecord(error) });
    }
    verdicts.push({ step, verdict, error });
  });
  await ledger.record(changes);
  for (const { step, verdict, error } of verdicts) {
    if (verdict === 'ok' || verdict === 'done') options.emit(step, 'done');
    else if (verdict === 'unknown') options.emit(step, 'unknown', messageOf(error));
    else if (verdict !== 'failed') options.emit(step, 'retrying', messageOf(error));
  }
  return verdicts;
}

/** Identities that resolve to the same client (all delegated, say) share their batches. */
function clientKey(ctx: DriverContext, identity: PublishIdentity): unknown {
  try {
    return ctx.graph.client(identity);
  } catch {
    return identity;
  }
}

function asGraphError(error: unknown): GraphRequestError {
  if (error instanceof GraphRequestError) return error;
  return new GraphRequestError({
    status: 0,
    code: 'client_error',
    message: error instanceof Error ? error.message : String(error),
  });
}

export function errorRecord(error: unknown): { code: string; message: string } {
  if (error instanceof GraphRequestError) return { code: error.code, message: error.message };
  if (error instanceof StepRefusal) return { code: error.code, message: error.message };
  return { code: 'error', message: messageOf(error) };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
