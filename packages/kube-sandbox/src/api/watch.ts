import { IncomingMessage, ServerResponse } from 'node:http';
import { objectFilter, ListOptions, ObjectFilter } from '../resources/list';
import { objectJsonParts, typePrefix } from '../store/serialize';
import {
  Store,
  StoreEvent,
  StoredObject,
  WatchEventType,
} from '../store/store';
import { apiVersionOf, groupResource, ResourceType } from '../types';
import { representation, startStream } from './http';
import { errors } from './status';
import { toTable } from './table';

const EVENT_END = Buffer.from('}\n');
let lastLine: { entry?: StoredObject; key?: string; line?: Buffer } = {};

/** Fans store events out to the watches of each resource, so a write costs only its watchers. */
export interface WatchHub {
  add(resource: string, listener: (event: StoreEvent) => void): () => void;
}

export function createWatchHub(store: Store): WatchHub {
  const listeners = new Map<string, Set<(event: StoreEvent) => void>>();
  store.subscribe(event => {
    const set = listeners.get(event.resource);
    if (set) for (const listener of [...set]) listener(event);
  });
  return {
    add(resource, listener) {
      let set = listeners.get(resource);
      if (!set) {
        set = new Set();
        listeners.set(resource, set);
      }
      set.add(listener);
      return () => set!.delete(listener);
    },
  };
}

/** An open watch, as fault injection sees it. */
export interface OpenWatch {
  close(abrupt: boolean): void;
}

/** What a watch request needs from its cluster. */
export interface WatchContext {
  store: Store;
  hub: WatchHub;
  watches: Set<OpenWatch>;
  bookmarkIntervalMs: number;
  /** The cluster's time, for the ages in Table rows. */
  now(): number;
}

export interface WatchQuery extends ListOptions {
  timeoutSeconds?: number;
  allowWatchBookmarks?: boolean;
  sendInitialEvents?: boolean;
  includeObject?: string;
}

/**
 * Which event, if any, a watch with a filter sees for a store event. As the API server's watch
 * cache: an object entering the selection is ADDED, one leaving it is DELETED.
 */
function project(
  event: StoreEvent,
  filter: ObjectFilter,
): [WatchEventType, StoredObject] | undefined {
  const now = event.type !== 'DELETED' && filter(event.object);
  const before = event.previous !== undefined && filter(event.previous);
  if (event.type === 'DELETED')
    return before ? ['DELETED', event.object] : undefined;
  if (now && before) return ['MODIFIED', event.object];
  if (now) return ['ADDED', event.object];
  if (before) return ['DELETED', event.object];
  return undefined;
}

/**
 * Serves `?watch=1`: initial ADDED events when no resourceVersion is given (or "0"), else the
 * events after it from the window, then live events; BOOKMARKs when asked; ends after
 * `timeoutSeconds` (default 30–60 min as the API server's); a resourceVersion older than the window
 * gets a 410 Expired ERROR event, after which the stream ends.
 */
export function serveWatch(
  ctx: WatchContext,
  req: IncomingMessage,
  res: ServerResponse,
  type: ResourceType,
  version: string,
  namespace: string | undefined,
  query: WatchQuery,
) {
  const resource = groupResource(type);
  const apiVersion = apiVersionOf(type.group, version);
  const filter = objectFilter(type, query);
  const prefix = namespace === undefined ? '' : `${namespace}/`;
  const format = representation(req);
  const typeHead = typePrefix(apiVersion, type.kind);
  const line = (eventType: string, entry: StoredObject): Buffer | string => {
    if (format === 'json') {
      // Watchers of one event share its encoded line (events reach them one after another).
      const key = `${eventType} ${apiVersion}`;
      if (lastLine.entry !== entry || lastLine.key !== key) {
        lastLine = {
          entry,
          key,
          line: Buffer.concat([
            Buffer.from(`{"type":"${eventType}","object":`),
            ...objectJsonParts(entry, typeHead),
            EVENT_END,
          ]),
        };
      }
      return lastLine.line as Buffer;
    }
    let object: string;
    if (format === 'table') {
      object = JSON.stringify(
        toTable(
          type,
          version,
          [{ ...entry.object, apiVersion }],
          { resourceVersion: String(entry.resourceVersion) },
          query.includeObject,
          true,
          ctx.now(),
        ),
      );
    } else {
      object = JSON.stringify({
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: entry.object.metadata,
      });
    }
    return `{"type":"${eventType}","object":${object}}\n`;
  };
  const bookmark = (annotations?: Record<string, string>) =>
    `${JSON.stringify({
      type: 'BOOKMARK',
      object: {
        kind: type.kind,
        apiVersion,
        metadata: {
          resourceVersion: String(ctx.store.resourceVersion()),
          ...(annotations ? { annotations } : {}),
        },
      },
    })}\n`;

  const rvParam = query.resourceVersion;
  const fromStart = rvParam === undefined || rvParam === '' || rvParam === '0';
  const since = fromStart ? ctx.store.resourceVersion() : Number(rvParam);
  if (!Number.isInteger(since) || since < 0) {
    throw errors.badRequest(`invalid resource version: ${rvParam}`);
  }
  const backlog = fromStart ? [] : ctx.store.eventsSince(resource, since);

  startStream(res);
  if (!backlog) {
    const status = errors.expired(
      `too old resource version: ${since} (${ctx.store.resourceVersion()})`,
    ).status;
    res.end(`${JSON.stringify({ type: 'ERROR', object: status })}\n`);
    return;
  }

  let closed = false;
  let last = since;
  const timers: NodeJS.Timeout[] = [];
  const send = (event: StoreEvent) => {
    if (
      closed ||
      event.resourceVersion <= last ||
      !event.object.key.startsWith(prefix)
    )
      return;
    last = event.resourceVersion;
    const projected = project(event, filter);
    if (projected) res.write(line(projected[0], projected[1]));
  };
  const unsubscribe = ctx.hub.add(resource, send);
  const open: OpenWatch = {
    close(abrupt) {
      if (closed) return;
      closed = true;
      if (abrupt) res.socket?.destroy();
      else res.end();
    },
  };
  const finish = () => {
    closed = true;
    unsubscribe();
    timers.forEach(clearTimeout);
    ctx.watches.delete(open);
  };
  ctx.watches.add(open);
  res.on('close', finish);

  if (fromStart) {
    for (const entry of ctx.store.list(resource, namespace)) {
      if (filter(entry)) res.write(line('ADDED', entry));
    }
    if (query.sendInitialEvents && query.allowWatchBookmarks) {
      res.write(bookmark({ 'k8s.io/initial-events-end': 'true' }));
    }
  } else {
    backlog.forEach(send);
  }

  const timeoutMs =
    query.timeoutSeconds !== undefined
      ? query.timeoutSeconds * 1000
      : (1800 + Math.random() * 1800) * 1000;
  timers.push(
    setTimeout(() => {
      if (query.allowWatchBookmarks && !closed) res.write(bookmark());
      open.close(false);
    }, timeoutMs),
  );
  if (query.allowWatchBookmarks) {
    timers.push(
      setInterval(
        () => closed || res.write(bookmark()),
        ctx.bookmarkIntervalMs,
      ),
    );
  }
}
