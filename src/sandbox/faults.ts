/**
 * Fault injection, like Dev Proxy's GraphRandomErrorPlugin and LatencyPlugin: for each Graph
 * request (and each item of a batch) a seeded PRNG decides whether to answer 429 (with
 * `Retry-After`), 503, 504, to reset the connection before answering, or, for writes, to commit
 * and then never answer ("commit-then-timeout": the client cannot know the outcome). A script of
 * one-shot faults makes a test deterministic. Never applied to `/_sandbox/*`.
 */

export type FaultKind =
  'throttle' | 'unavailable' | 'gatewayTimeout' | 'reset' | 'commitThenTimeout';

export const FAULT_KINDS: readonly FaultKind[] = [
  'throttle',
  'unavailable',
  'gatewayTimeout',
  'reset',
  'commitThenTimeout',
];

/** A fixed number, or a `[min, max]` range drawn uniformly. */
export type NumberOrRange = number | [number, number];

export interface ScriptedFault {
  kind: FaultKind | 'latency';
  /** Only requests with this method (any when absent). */
  method?: string;
  /** Only requests whose Graph path (after /v1.0, or /upload/…) contains this text. */
  pathIncludes?: string;
  /** How many matching requests it applies to; default 1. */
  times?: number;
  retryAfterSeconds?: number;
  latencyMs?: number;
}

export interface FaultSettings {
  seed?: number;
  /** Probability per request, 0..1, of each kind. `commitThenTimeout` applies to writes only. */
  rates?: Partial<Record<FaultKind, number>>;
  /** Seconds in `Retry-After` on 429 and 503; default [0, 1] so tests stay fast. */
  retryAfterSeconds?: NumberOrRange;
  /** Added to every faulted-or-not request; default 0. */
  latencyMs?: NumberOrRange;
  /** Commit-then-timeout holds the connection this long, then destroys it; default 1000 ms. */
  hangMs?: number;
  script?: ScriptedFault[];
}

/** Where the decision is made: a whole request, a batch envelope, or one item of a batch. */
export type FaultPhase = 'request' | 'batchEnvelope' | 'batchItem';

export interface FaultDecision {
  latencyMs: number;
  kind?: FaultKind;
  retryAfterSeconds: number;
}

/** mulberry32: small, fast, and the same sequence for the same seed. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function kindAllowed(kind: FaultKind, phase: FaultPhase, isWrite: boolean): boolean {
  if (kind === 'commitThenTimeout') return isWrite && phase !== 'batchEnvelope';
  if (kind === 'reset') return phase !== 'batchItem';
  return phase !== 'batchEnvelope';
}

export class FaultInjector {
  private current: FaultSettings = {};
  private random: () => number = mulberry32(1);
  private script: ScriptedFault[] = [];

  constructor(settings: FaultSettings = {}) {
    this.configure(settings);
  }

  /** Replaces the settings and restarts the PRNG from the seed. */
  configure(settings: FaultSettings): void {
    validateSettings(settings);
    this.current = structuredClone(settings);
    this.random = mulberry32(settings.seed ?? 1);
    this.script = (settings.script ?? []).map((entry) => ({ ...entry, times: entry.times ?? 1 }));
  }

  /** The settings in force, with what is left of the script. */
  settings(): FaultSettings {
    return { ...structuredClone(this.current), script: structuredClone(this.script) };
  }

  get hangMs(): number {
    return this.current.hangMs ?? 1000;
  }

  decide(method: string, path: string, phase: FaultPhase): FaultDecision {
    const isWrite = method.toUpperCase() !== 'GET';
    const decision: FaultDecision = {
      latencyMs: phase === 'batchItem' ? 0 : this.draw(this.current.latencyMs ?? 0),
      retryAfterSeconds: Math.round(this.draw(this.current.retryAfterSeconds ?? [0, 1])),
    };
    const scripted = this.takeScripted(method, path, phase, isWrite);
    if (scripted) {
      if (scripted.kind === 'latency')
        decision.latencyMs = scripted.latencyMs ?? decision.latencyMs;
      else decision.kind = scripted.kind;
      if (scripted.retryAfterSeconds !== undefined)
        decision.retryAfterSeconds = scripted.retryAfterSeconds;
      return decision;
    }
    const roll = this.random();
    let threshold = 0;
    for (const kind of FAULT_KINDS) {
      const rate = this.current.rates?.[kind] ?? 0;
      if (!kindAllowed(kind, phase, isWrite) || rate <= 0) continue;
      threshold += rate;
      if (roll < threshold) {
        decision.kind = kind;
        break;
      }
    }
    return decision;
  }

  private takeScripted(
    method: string,
    path: string,
    phase: FaultPhase,
    isWrite: boolean,
  ): ScriptedFault | undefined {
    const index = this.script.findIndex(
      (entry) =>
        (entry.kind === 'latency'
          ? phase !== 'batchItem'
          : kindAllowed(entry.kind, phase, isWrite)) &&
        (entry.method === undefined || entry.method.toUpperCase() === method.toUpperCase()) &&
        (entry.pathIncludes === undefined ||
          path.toLowerCase().includes(entry.pathIncludes.toLowerCase())),
    );
    if (index < 0) return undefined;
    const entry = this.script[index]!;
    entry.times = (entry.times ?? 1) - 1;
    if (entry.times <= 0) this.script.splice(index, 1);
    return entry;
  }

  private draw(value: NumberOrRange): number {
    if (typeof value === 'number') return value;
    const [min, max] = value;
    return min + this.random() * (max - min);
  }
}

function validateSettings(settings: FaultSettings): void {
  for (const [kind, rate] of Object.entries(settings.rates ?? {})) {
    if (!FAULT_KINDS.includes(kind as FaultKind)) {
      throw new Error(`Unknown fault kind '${kind}'; use one of ${FAULT_KINDS.join(', ')}.`);
    }
    if (typeof rate !== 'number' || rate < 0 || rate > 1) {
      throw new Error(`The rate of '${kind}' must be a number from 0 to 1.`);
    }
  }
  for (const entry of settings.script ?? []) {
    if (entry.kind !== 'latency' && !FAULT_KINDS.includes(entry.kind)) {
      throw new Error(`Unknown scripted fault '${String(entry.kind)}'.`);
    }
  }
}
