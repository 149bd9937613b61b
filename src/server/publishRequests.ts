/**
 * What a publish POST may ask, and when another server instance's hold on the run refuses it:
 * the body's options, and the run it would continue or take over from, if another instance holds
 * its lease and the lease has not run out (409 `publish_running_elsewhere`).
 */
import type { PublishRunRecord } from '../store';
import { HttpError } from './httpErrors';

export function parseOptions(body: unknown): { announceAgain?: boolean } {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'validation_failed', 'The body must be a JSON object, or empty.');
  }
  const { announceAgain, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) {
    throw new HttpError(
      400,
      'validation_failed',
      `${unknown}: is not an option of publishing; the only one is "announceAgain" (true or false).`,
    );
  }
  if (announceAgain !== undefined && typeof announceAgain !== 'boolean') {
    throw new HttpError(400, 'validation_failed', 'announceAgain: must be true or false.');
  }
  return announceAgain === undefined ? {} : { announceAgain };
}

/** Throws 409 when another instance holds `runId` (the run a plan continues) and its lease lasts. */
export function refuseIfHeldElsewhere(
  runs: readonly PublishRunRecord[],
  runId: string | null,
  instanceId: string,
  now: Date,
): void {
  const held = runs.find((entry) => entry.runId === runId);
  if (
    !held?.leaseHolder ||
    held.leaseHolder === instanceId ||
    held.leaseUntil === null ||
    Date.parse(held.leaseUntil) <= now.getTime()
  ) {
    return;
  }
  throw new HttpError(
    409,
    'publish_running_elsewhere',
    `Another server is publishing this meeting right now (it holds the run until ${held.leaseUntil} and keeps renewing while it works). Wait for it to finish; if that server stopped, publish again after that time.`,
  );
}
