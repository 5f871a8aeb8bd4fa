import { KubeObject } from '../types';

/** The kind of change a store event reports. @public */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** The fields of an object that selectors, watches and the garbage collector read. @public */
export interface StoredMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly uid?: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** UIDs of the object's ownerReferences. */
  readonly owners?: readonly string[];
}

/**
 * One object as stored: its JSON, encoded once (what lists, gets and watch events send), and a
 * small index. `object` parses it on demand into a deep-frozen value, shared by readers while in
 * use; keeping only bytes lets tens of thousands of large objects stay cheap for the garbage
 * collector.
 * @public
 */
export interface StoredObject {
  /** `namespace/name`, or `name` for cluster-scoped objects: etcd's key order. */
  readonly key: string;
  readonly resourceVersion: number;
  readonly meta: StoredMeta;
  /** The object's JSON without apiVersion and kind (UTF-8). */
  readonly body: Buffer;
  readonly object: Readonly<KubeObject>;
}

class Entry implements StoredObject {
  #cached: WeakRef<Readonly<KubeObject>>;
  readonly meta: StoredMeta;
  readonly body: Buffer;
  private readonly apiVersion: string;
  private readonly kind: string;

  constructor(
    readonly key: string,
    readonly resourceVersion: number,
    object: KubeObject,
  ) {
    const { apiVersion: _a, kind: _k, ...rest } = object;
    this.body = Buffer.from(JSON.stringify(rest));
    const m = object.metadata;
    this.meta = {
      name: String(m.name),
      ...(m.namespace ? { namespace: m.namespace } : {}),
      ...(m.uid ? { uid: m.uid } : {}),
      ...(m.labels ? { labels: { ...m.labels } } : {}),
      ...(m.ownerReferences?.length
        ? { owners: m.ownerReferences.map(r => r.uid) }
        : {}),
    };
    this.#cached = new WeakRef(deepFreeze(object));
    this.apiVersion = String(object.apiVersion);
    this.kind = String(object.kind);
  }

  get object(): Readonly<KubeObject> {
    const cached = this.#cached.deref();
    if (cached) return cached;
    const parsed: Readonly<KubeObject> = deepFreeze({
      apiVersion: this.apiVersion,
      kind: this.kind,
      ...JSON.parse(this.body.toString('utf8')),
    });
    this.#cached = new WeakRef(parsed);
    return parsed;
  }
}

/**
 * A change of one object. `object` is the new state; for DELETED it is the last state, carrying
 * the resourceVersion of the deletion, as a real API server reports it.
 * @public
 */
export interface StoreEvent {
  readonly type: WatchEventType;
  /** The group-resource, e.g. `pods` or `kafkas.platform.confluent.io`. */
  readonly resource: string;
  readonly resourceVersion: number;
  readonly object: StoredObject;
  readonly previous?: StoredObject;
  readonly time: number;
}

/** Receives every change, synchronously and in resourceVersion order. @public */
export type StoreListener = (event: StoreEvent) => void;

/**
 * The object store of one cluster: one resourceVersion counter for all kinds (as etcd), the
 * current objects per resource, and a per-resource window of recent events for watches
 * (as the API server's watch cache).
 * @public
 */
export interface Store {
  /** The cluster's current resourceVersion. */
  resourceVersion(): number;
  get(resource: string, key: string): StoredObject | undefined;
  /** Objects in key order, optionally of one namespace. */
  list(resource: string, namespace?: string): StoredObject[];
  /** Stores a new state of an object (created or replaced); the object is serialized and frozen. */
  put(resource: string, object: KubeObject): StoredObject;
  remove(resource: string, key: string): StoredObject | undefined;
  /** Events after `resourceVersion`, or undefined when the window no longer reaches back that far. */
  eventsSince(
    resource: string,
    resourceVersion: number,
  ): StoreEvent[] | undefined;
  /** Forgets all event history, so every watch from an older resourceVersion gets 410 Gone. */
  compact(): void;
  subscribe(listener: StoreListener): () => void;
  resources(): string[];
  /** Number of objects of a resource (all namespaces). */
  count(resource: string): number;
}

/** Options of {@link createStore}. @public */
export interface StoreOptions {
  /** How long events stay in the watch window. Default 5 minutes. */
  historyMs?: number;
  /** Upper bound of events kept per resource. Default 50,000. */
  historyLimit?: number;
}

interface Bucket {
  objects: Map<string, StoredObject>;
  sorted?: string[];
  history: StoreEvent[];
  /** Watches from below this resourceVersion have missed events. */
  expiredBelow: number;
}

/** Creates an empty store. @public */
export function createStore(options: StoreOptions = {}): Store {
  const historyMs = options.historyMs ?? 5 * 60_000;
  const historyLimit = options.historyLimit ?? 50_000;
  const buckets = new Map<string, Bucket>();
  const listeners = new Set<StoreListener>();
  let rv = 0;

  const bucket = (resource: string) => {
    let b = buckets.get(resource);
    if (!b) {
      b = { objects: new Map(), history: [], expiredBelow: 0 };
      buckets.set(resource, b);
    }
    return b;
  };

  const sortedKeys = (b: Bucket) => {
    if (!b.sorted) {
      b.sorted = [...b.objects.keys()].sort();
    }
    return b.sorted;
  };

  const record = (b: Bucket, event: StoreEvent) => {
    b.history.push(event);
    let drop = 0;
    const horizon = event.time - historyMs;
    while (
      drop < b.history.length &&
      (b.history.length - drop > historyLimit || b.history[drop].time < horizon)
    ) {
      drop++;
    }
    if (drop > 0) {
      b.expiredBelow = b.history[drop - 1].resourceVersion;
      b.history.splice(0, drop);
    }
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        // A failing subscriber must not break the write that notified it.
        // eslint-disable-next-line no-console
        console.error('kube-sandbox: store listener failed', error);
      }
    }
  };

  return {
    resourceVersion: () => rv,
    get: (resource, key) => buckets.get(resource)?.objects.get(key),
    list(resource, namespace) {
      const b = buckets.get(resource);
      if (!b) {
        return [];
      }
      const keys = sortedKeys(b);
      if (namespace === undefined) {
        return keys.map(k => b.objects.get(k)!);
      }
      const prefix = `${namespace}/`;
      const out: StoredObject[] = [];
      for (let i = lowerBound(keys, prefix); i < keys.length; i++) {
        if (!keys[i].startsWith(prefix)) {
          break;
        }
        out.push(b.objects.get(keys[i])!);
      }
      return out;
    },
    put(resource, object) {
      const b = bucket(resource);
      rv++;
      object.metadata.resourceVersion = String(rv);
      const key = objectKey(object);
      const entry = new Entry(key, rv, object);
      const previous = b.objects.get(key);
      if (!previous) {
        b.sorted = undefined;
      }
      b.objects.set(key, entry);
      record(b, {
        type: previous ? 'MODIFIED' : 'ADDED',
        resource,
        resourceVersion: rv,
        object: entry,
        previous,
        time: Date.now(),
      });
      return entry;
    },
    remove(resource, key) {
      const b = buckets.get(resource);
      const previous = b?.objects.get(key);
      if (!b || !previous) {
        return undefined;
      }
      rv++;
      b.objects.delete(key);
      b.sorted = undefined;
      const last = previous.object;
      const tombstone = new Entry(key, rv, {
        ...last,
        metadata: { ...last.metadata, resourceVersion: String(rv) },
      });
      record(b, {
        type: 'DELETED',
        resource,
        resourceVersion: rv,
        object: tombstone,
        previous,
        time: Date.now(),
      });
      return tombstone;
    },
    eventsSince(resource, since) {
      const b = bucket(resource);
      if (since < b.expiredBelow) {
        return undefined;
      }
      const h = b.history;
      let lo = 0;
      let hi = h.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (h[mid].resourceVersion <= since) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return h.slice(lo);
    },
    compact() {
      for (const b of buckets.values()) {
        b.history = [];
        b.expiredBelow = rv;
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    resources: () => [...buckets.keys()],
    count: resource => buckets.get(resource)?.objects.size ?? 0,
  };
}

/** The store key of an object: `namespace/name` or `name`. @public */
export function objectKey(object: KubeObject) {
  const { namespace, name } = object.metadata;
  return namespace ? `${namespace}/${name}` : String(name);
}

function lowerBound(keys: string[], value: string) {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid] < value) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** Freezes an object and everything inside it. @public */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) {
      deepFreeze(child);
    }
  }
  return value;
}

/** A mutable deep copy of a JSON value. @public */
export function clone<T>(value: T): T {
  return structuredClone(value) as T;
}
