/**
 * Exponential backoff with jitter, shared by the stream follower and the op sender: attempt n
 * waits between half and all of min(maxMs, initialMs × 2ⁿ), so that many tabs that lost the
 * server together do not come back in step.
 */
export function backoffDelay(
  attempt: number,
  retry: { initialMs: number; maxMs: number },
  random: () => number,
): number {
  const ceiling = Math.min(retry.maxMs, retry.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
