/** An injected error: requests whose path matches get a Status with this code. @public */
export interface ErrorFault {
  /** A regular expression matched against the request path (without the query). */
  path: string;
  /** Only this HTTP method (e.g. `GET`); default any. */
  method?: string;
  /** The HTTP status code, e.g. 500, 503, 429, 403. */
  code: number;
  message?: string;
  /** Fail only this many requests, then let them through; default every request. */
  times?: number;
}

/** The faults of one cluster; the admin endpoint reads and writes the same shape. @public */
export interface FaultSettings {
  /** Added latency in milliseconds before each matching request is answered. */
  latencyMs?: number;
  /** A regular expression limiting the latency to some paths; default all. */
  latencyPath?: string;
  errors?: ErrorFault[];
  /** Close the listening socket (clients get ECONNREFUSED) until set back to false. */
  refuseConnections?: boolean;
}

/** The fault controls of a cluster. @public */
export interface Faults {
  /** The current settings. */
  get(): FaultSettings;
  /** Changes the given settings and keeps the others. */
  set(settings: FaultSettings): Promise<void>;
  /** Removes every fault (and accepts connections again). */
  clear(): Promise<void>;
  /**
   * Ends every open watch: cleanly (the stream ends, as at a server timeout) or abruptly (the TCP
   * connection is destroyed). Returns how many were dropped.
   */
  dropWatches(options?: { abrupt?: boolean }): number;
  /** Forgets the watch event history, so watches from older resourceVersions get 410 Gone. */
  expireWatchHistory(): void;
}

/** What the request path needs to know from the fault settings. */
export interface FaultDecision {
  delayMs: number;
  error?: ErrorFault;
}

/** Holds fault settings and decides, per request, the delay and injected error. */
export function createFaultState() {
  let settings: FaultSettings = {};
  const remaining = new Map<ErrorFault, number>();
  return {
    get: (): FaultSettings => structuredClone(settings),
    replace(next: FaultSettings) {
      // Bad patterns fail here, when set, rather than on every request.
      [...(next.errors ?? []).map(e => e.path), next.latencyPath ?? ''].forEach(
        p => RegExp(p),
      );
      settings = structuredClone(next);
      remaining.clear();
      for (const e of settings.errors ?? []) {
        if (e.times !== undefined) remaining.set(e, e.times);
      }
    },
    decide(method: string, path: string): FaultDecision {
      const delayMs =
        settings.latencyMs &&
        (!settings.latencyPath || new RegExp(settings.latencyPath).test(path))
          ? settings.latencyMs
          : 0;
      const error = (settings.errors ?? []).find(e => {
        if (e.method && e.method.toUpperCase() !== method) return false;
        if (!new RegExp(e.path).test(path)) return false;
        const left = remaining.get(e);
        if (left === undefined) return true;
        if (left <= 0) return false;
        remaining.set(e, left - 1);
        return true;
      });
      return { delayMs, error };
    },
  };
}
