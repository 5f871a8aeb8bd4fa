/**
 * What one cluster's API server served since `since` (or the last reset): the counts benchmarks
 * compare, e.g. how many list calls a page view cost.
 * @public
 */
export interface RequestCounts {
  /** When counting started (ISO 8601, the sandbox clock). */
  since: string;
  /** Every request that reached the server, refused ones included. */
  total: number;
  /** Resource requests by verb: get, list, create, update, patch, delete, deletecollection. */
  verbs: Record<string, number>;
  /** Watch requests (`?watch=true`), counted apart from the verbs. */
  watches: number;
  /** Discovery, OpenAPI, /version and health checks. */
  nonResource: number;
  /** Resource requests by group-resource (`pods`, `kafkas.kafka.strimzi.io`) and verb (`watch` included). */
  resources: Record<string, Record<string, number>>;
}

/**
 * The request counters of a cluster: call it for a copy of the counts (`cluster.requests()`).
 * @public
 */
export interface RequestCounter {
  (): RequestCounts;
  /** Starts counting again from zero. */
  reset(): void;
}

/** The counts plus the hooks the request handler calls. */
export interface RequestTally {
  get(): RequestCounts;
  reset(): void;
  request(): void;
  nonResource(): void;
  resource(groupResource: string, verb: string): void;
}

/** Creates the counters of one cluster; `now` stamps `since`. */
export function createRequestTally(now: () => number): RequestTally {
  let counts: RequestCounts;
  const reset = () => {
    counts = {
      since: new Date(now()).toISOString(),
      total: 0,
      verbs: {},
      watches: 0,
      nonResource: 0,
      resources: {},
    };
  };
  reset();
  return {
    get: () => structuredClone(counts),
    reset,
    request() {
      counts.total++;
    },
    nonResource() {
      counts.nonResource++;
    },
    resource(groupResource, verb) {
      if (verb === 'watch') counts.watches++;
      else counts.verbs[verb] = (counts.verbs[verb] ?? 0) + 1;
      const byVerb = (counts.resources[groupResource] ??= {});
      byVerb[verb] = (byVerb[verb] ?? 0) + 1;
    },
  };
}

/** The public view of a tally: callable for the counts, with `reset`. */
export function counterOf(tally: RequestTally): RequestCounter {
  return Object.assign(() => tally.get(), { reset: tally.reset });
}
