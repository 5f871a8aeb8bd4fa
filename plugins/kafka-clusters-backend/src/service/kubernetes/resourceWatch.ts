import { KubeConfig, Watch } from '@kubernetes/client-node';
import {
  kubeGetJson,
  KubeRequestError,
  toKubeRequestError,
} from '@k8s-kafka/plugin-kafka-clusters-node';

/**
 * Why a collection is listed again after its first list: `gone`, the watch's resourceVersion
 * is too old (410 Gone); `expired`, the continue token of a paged list expired midway;
 * `error`, the previous list failed; `credential`, the watch restarted with a new credential.
 */
export type RelistCause = 'gone' | 'expired' | 'error' | 'credential';

/** Which request of a watched collection failed. */
export type ResourceWatchRequest = 'list' | 'watch';

/** What a watched collection reports to its owner. */
export interface ResourceWatchListener<T> {
  /** The whole collection, after a (re)list: replaces what was known. */
  reset(items: Map<string, T>): void;
  upsert(uid: string, item: T): void;
  remove(uid: string): void;
  /** The collection is known to be current as of now (a list or watch succeeded). */
  healthy(): void;
  /** A list or watch failed; the watch retries on its own. */
  failed(error: KubeRequestError, request: ResourceWatchRequest): void;
  /** The collection is being listed again, as a whole. */
  relisting?(cause: RelistCause): void;
}

export interface ResourceWatchOptions<T> {
  kc: KubeConfig;
  path: string;
  labelSelector?: string;
  fieldSelector?: string;
  project(object: unknown): T | undefined;
  listener: ResourceWatchListener<T>;
  /** Page size of lists, so a big collection never arrives as one huge response. */
  pageSize?: number;
  requestTimeoutMs?: number;
  /** Backoff bounds after errors; jitter spreads the reconnects of many clusters. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Where the waits between requests are timed (tests pass a clock they move by hand). */
  schedule?: Schedule;
  /** Set when this watch takes over from an earlier one: its first list is a relist. */
  relistCause?: RelistCause;
}

/** Runs `fn` after `ms` milliseconds; returns what cancels it. */
export type Schedule = (fn: () => void, ms: number) => () => void;

/** Real timers, which never keep the process alive on their own. */
export const realSchedule: Schedule = (fn, ms) => {
  const timer = setTimeout(fn, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

export interface ResourceWatch {
  stop(): void;
  /**
   * Runs the list or watch waiting out a backoff now, with the backoff started afresh: the API
   * server answered another request. Does nothing while a request is in flight.
   */
  retryNow(): void;
}

interface KubeObject {
  metadata?: { uid?: string; resourceVersion?: string };
}

interface KubeList {
  metadata?: { resourceVersion?: string; continue?: string };
  items: KubeObject[];
}

/**
 * Lists a collection, then watches it from the list's resourceVersion, keeping only each
 * object's projection. Relists on 410 Gone, reconnects after client-node's periodic watch
 * timeout, and retries failures with exponential backoff and jitter (or at once, on
 * `retryNow`), until stopped.
 *
 * client-node's informer keeps every whole object and gives up on the first error, so this
 * loop is built on its Watch instead.
 */
export function startResourceWatch<T>(
  options: ResourceWatchOptions<T>,
): ResourceWatch {
  const { kc, path, listener, project } = options;
  const pageSize = options.pageSize ?? 500;
  const minBackoff = options.minBackoffMs ?? 1_000;
  const maxBackoff = options.maxBackoffMs ?? 30_000;
  const selectors = {
    labelSelector: options.labelSelector,
    fieldSelector: options.fieldSelector,
  };
  let stopped = false;
  let failures = 0;
  let resourceVersion: string | undefined;
  let abort: AbortController | undefined;
  const wait = options.schedule ?? realSchedule;
  let pending: { step: () => void; cancel: () => void } | undefined;

  const schedule = (step: () => void, ms: number) => {
    if (stopped) return;
    const cancel = wait(() => {
      pending = undefined;
      step();
    }, ms);
    pending = { step, cancel };
  };
  const backoff = () => {
    const base = Math.min(maxBackoff, minBackoff * 2 ** Math.min(failures, 10));
    return base / 2 + Math.random() * (base / 2);
  };
  const fail = (error: unknown, request: ResourceWatchRequest) => {
    failures += 1;
    listener.failed(toKubeRequestError(error), request);
  };

  async function list(cause?: RelistCause) {
    if (stopped) return;
    if (cause) listener.relisting?.(cause);
    try {
      const items = new Map<string, T>();
      let continueToken: string | undefined;
      let version: string | undefined;
      do {
        const page = await kubeGetJson<KubeList>(
          kc,
          path,
          {
            ...selectors,
            limit: pageSize,
            continue: continueToken,
          },
          options.requestTimeoutMs,
        );
        for (const object of page.items ?? []) {
          const uid = object.metadata?.uid;
          const projected = uid ? project(object) : undefined;
          if (uid && projected !== undefined) items.set(uid, projected);
        }
        continueToken = page.metadata?.continue || undefined;
        version = page.metadata?.resourceVersion;
      } while (continueToken && !stopped);
      if (stopped) return;
      resourceVersion = version;
      failures = 0;
      listener.reset(items);
      listener.healthy();
      void watch();
    } catch (error) {
      if (error instanceof KubeRequestError && error.statusCode === 410) {
        // The continue token expired mid-list: start over at once.
        schedule(() => list('expired'), 0);
        return;
      }
      fail(error, 'list');
      schedule(() => list('error'), backoff());
    }
  }

  async function watch() {
    if (stopped) return;
    let gone = false;
    let ended = false;
    const onEvent = (type: string, object: KubeObject & { code?: number }) => {
      if (type === 'ERROR') {
        if (object?.code === 410) gone = true;
        return;
      }
      const version = object?.metadata?.resourceVersion;
      if (version) resourceVersion = version;
      if (type === 'BOOKMARK') {
        listener.healthy();
        return;
      }
      const uid = object?.metadata?.uid;
      if (!uid) return;
      const projected = type === 'DELETED' ? undefined : project(object);
      if (projected === undefined) listener.remove(uid);
      else listener.upsert(uid, projected);
      listener.healthy();
    };
    const onDone = (error: unknown) => {
      ended = true;
      abort = undefined;
      if (stopped) return;
      const status = (error as { statusCode?: number } | null)?.statusCode;
      if (gone || status === 410) {
        schedule(() => list('gone'), 0);
        return;
      }
      const timedOut =
        (error as { name?: string } | null)?.name === 'TimeoutError';
      if (!error || timedOut) {
        // A watch ending quietly (server timeout, client-node's inactivity abort) is routine.
        listener.healthy();
        schedule(watch, 0);
        return;
      }
      fail(error, 'watch');
      schedule(watch, backoff());
    };
    try {
      abort = await new Watch(kc).watch(
        path,
        { ...selectors, resourceVersion, allowWatchBookmarks: true },
        onEvent,
        onDone,
      );
      if (stopped) abort.abort();
      // The API server took the watch: it answers again, even where nothing changes for long.
      else if (!ended) listener.healthy();
    } catch (error) {
      onDone(error);
    }
  }

  void list(options.relistCause);
  return {
    stop() {
      stopped = true;
      pending?.cancel();
      abort?.abort();
    },
    retryNow() {
      if (stopped || !pending) return;
      const { step, cancel } = pending;
      cancel();
      pending = undefined;
      failures = 0;
      step();
    },
  };
}
