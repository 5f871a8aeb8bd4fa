import { KubeConfig, Watch } from '@kubernetes/client-node';
import {
  kubeGetJson,
  KubeRequestError,
  toKubeRequestError,
} from '@k8s-kafka/plugin-kafka-clusters-node';

/** What a watched collection reports to its owner. */
export interface ResourceWatchListener<T> {
  /** The whole collection, after a (re)list: replaces what was known. */
  reset(items: Map<string, T>): void;
  upsert(uid: string, item: T): void;
  remove(uid: string): void;
  /** The collection is known to be current as of now (a list or watch succeeded). */
  healthy(): void;
  /** A list or watch failed; the watch retries on its own. */
  failed(error: KubeRequestError): void;
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
 * timeout, and retries failures with exponential backoff and jitter, until stopped.
 *
 * client-node's informer keeps every whole object and gives up on the first error, so this
 * loop is built on its Watch instead.
 */
export function startResourceWatch<T>(options: ResourceWatchOptions<T>): {
  stop(): void;
} {
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
  let timer: NodeJS.Timeout | undefined;

  const schedule = (fn: () => void, ms: number) => {
    if (stopped) return;
    timer = setTimeout(fn, ms);
  };
  const backoff = () => {
    const base = Math.min(maxBackoff, minBackoff * 2 ** Math.min(failures, 10));
    return base / 2 + Math.random() * (base / 2);
  };
  const fail = (error: unknown) => {
    failures += 1;
    listener.failed(toKubeRequestError(error));
  };

  async function list() {
    if (stopped) return;
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
        schedule(list, 0);
        return;
      }
      fail(error);
      schedule(list, backoff());
    }
  }

  async function watch() {
    if (stopped) return;
    let gone = false;
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
      abort = undefined;
      if (stopped) return;
      const status = (error as { statusCode?: number } | null)?.statusCode;
      if (gone || status === 410) {
        schedule(list, 0);
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
      fail(error);
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
    } catch (error) {
      onDone(error);
    }
  }

  void list();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      abort?.abort();
    },
  };
}
