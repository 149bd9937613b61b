/**
 * Writes the ops a secretary's tab would send, in the order a meeting runs, so fixtures and the
 * demo read like the meeting itself. Ids and times are deterministic (derived from names and a
 * minute counter), so the same script always yields the same log. Every op goes through the
 * same parser as the API's, so a script cannot hold an op the server would refuse.
 */
import type { z } from 'zod';
import {
  deterministicUuid,
  parseOperation,
  type NewOperation,
  type OperationType,
  type operationPayloadSchemas,
} from '../domain';

type PayloadInput<K extends OperationType> = z.input<(typeof operationPayloadSchemas)[K]>;

export class CaptureScript {
  private readonly raw: {
    id: string;
    meetingId: string;
    clientTime: string;
    type: string;
    payload: unknown;
  }[] = [];

  constructor(
    readonly meetingId: string,
    private readonly actor: string,
    /** When the first op is made; each later op is one minute on. */
    private readonly startsAt: string,
  ) {}

  /** A stable id for an entity of this meeting, e.g. id('agenda', '3.1'). */
  id(kind: string, name: string): string {
    return deterministicUuid(`${this.meetingId}/${kind}/${name}`);
  }

  /** The client time the next op will carry. */
  nextTime(): string {
    return new Date(Date.parse(this.startsAt) + this.raw.length * 60_000).toISOString();
  }

  op<K extends OperationType>(type: K, payload: PayloadInput<K>): this {
    this.raw.push({
      id: deterministicUuid(`${this.meetingId}/op/${this.raw.length}`),
      meetingId: this.meetingId,
      clientTime: this.nextTime(),
      type,
      payload,
    });
    return this;
  }

  /** The ops written so far, parsed exactly as the server parses them. */
  operations(): NewOperation[] {
    return this.raw.map((raw, index) => {
      const result = parseOperation(
        raw,
        this.meetingId,
        this.actor,
        `script op ${index} (${raw.type})`,
      );
      if (!result.ok)
        throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
      return result.value;
    });
  }

  /** The ops as a client would POST them (before parsing). */
  requestBodies(): unknown[] {
    return this.raw.map((raw) => ({ ...raw }));
  }
}
