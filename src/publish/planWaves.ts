/**
 * Orders a plan's steps into dependency waves (a step's wave is one more than its latest
 * dependency's) and, within a wave, into batches the executor can send together: one identity,
 * at most 20 steps (Graph's $batch limit), the document's bytes on their own. Steps are numbered
 * for progress in that order, so "step n of m" moves forward as the publish does.
 */
import { MAX_BATCH_SIZE } from '../graph/batch';
import type { PlannedBatch, PublishStep } from './PublishPlan';

/** A batch of steps is one Graph $batch request. */
export const MAX_BATCH_STEPS = MAX_BATCH_SIZE;

const KIND_ORDER: readonly PublishStep['kind'][] = [
  'document.upload',
  'register.upsert',
  'planner.upsert',
  'document.columns',
  'chat.post',
  'mail.draft',
  'planner.details',
  'todo.upsert',
  'mail.send',
];

export function planWaves(steps: readonly PublishStep[]): {
  steps: PublishStep[];
  waves: PlannedBatch[][];
} {
  const level = new Map<string, number>();
  const byKey = new Map(steps.map((step) => [step.key, step]));
  const levelOf = (step: PublishStep): number => {
    const known = level.get(step.key);
    if (known !== undefined) return known;
    const deps = step.dependsOn
      .map((key) => byKey.get(key))
      .filter((dep): dep is PublishStep => dep !== undefined);
    const value = deps.length === 0 ? 0 : 1 + Math.max(...deps.map(levelOf));
    level.set(step.key, value);
    return value;
  };
  const ordered = steps
    .map((step, index) => ({ step, index, wave: levelOf(step) }))
    .sort(
      (a, b) =>
        a.wave - b.wave ||
        KIND_ORDER.indexOf(a.step.kind) - KIND_ORDER.indexOf(b.step.kind) ||
        a.index - b.index,
    );
  const waves: PlannedBatch[][] = [];
  for (const { step, wave } of ordered) {
    const batches = (waves[wave] ??= []);
    const direct = step.kind === 'document.upload';
    const open = direct
      ? undefined
      : batches.find(
          (batch) =>
            !batch.direct &&
            batch.identity === step.identity &&
            batch.keys.length < MAX_BATCH_STEPS,
        );
    if (open) open.keys.push(step.key);
    else batches.push({ identity: step.identity, direct, keys: [step.key] });
  }
  return { steps: ordered.map((entry) => entry.step), waves };
}
