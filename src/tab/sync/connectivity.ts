/**
 * Whether the browser believes it is online, and when that changes. `navigator.onLine === false`
 * is reliable ("certainly offline"); `true` only means a network interface is up. Outside a
 * browser (tests, workers without `window`) the answer is always "online" and nothing changes.
 */

export interface Connectivity {
  isOnline(): boolean;
  /** Calls `listener` on every `online`/`offline` event; returns the unsubscribe function. */
  subscribe(listener: (online: boolean) => void): () => void;
}

interface EventTargetLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

export function browserConnectivity(): Connectivity {
  const scope = globalThis as {
    navigator?: { onLine?: boolean };
    window?: EventTargetLike;
  };
  return {
    isOnline: () => scope.navigator?.onLine !== false,
    subscribe(listener) {
      const target = scope.window;
      if (!target || typeof target.addEventListener !== 'function') return () => undefined;
      const online = () => listener(true);
      const offline = () => listener(false);
      target.addEventListener('online', online);
      target.addEventListener('offline', offline);
      return () => {
        target.removeEventListener('online', online);
        target.removeEventListener('offline', offline);
      };
    },
  };
}

/** A connectivity the caller drives (tests, or a host that knows better than the browser). */
export function manualConnectivity(initiallyOnline = true): Connectivity & {
  set(online: boolean): void;
} {
  let online = initiallyOnline;
  const listeners = new Set<(online: boolean) => void>();
  return {
    isOnline: () => online,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      if (next === online) return;
      online = next;
      for (const listener of [...listeners]) listener(next);
    },
  };
}
