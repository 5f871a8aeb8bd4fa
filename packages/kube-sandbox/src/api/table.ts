import {
  isObject,
  JsonObject,
  KubeObject,
  PrinterColumn,
  ResourceType,
} from '../types';
import { evaluateJsonPath } from './jsonpath';

/**
 * `meta.k8s.io/v1` Tables, which `kubectl get` asks for: a name column, the kind's columns
 * (CRD additionalPrinterColumns, or a few of the built-in printers' columns), ages formatted as
 * the API server formats them.
 */

const NAME_COLUMN = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: 'Name must be unique within a namespace.',
  priority: 0,
};

type Cell = string | number | boolean | null;

interface Printer {
  columns: Array<{
    name: string;
    type: string;
    format?: string;
    priority?: number;
    description?: string;
  }>;
  cells(o: Readonly<KubeObject>): Cell[];
}

/** kubectl's HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10)
    return seconds % 60 ? `${minutes}m${seconds % 60}s` : `${minutes}m`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8)
    return minutes % 60 ? `${hours}h${minutes % 60}m` : `${hours}h`;
  if (hours < 48) return `${hours}h`;
  if (hours < 192)
    return hours % 24
      ? `${Math.floor(hours / 24)}d${hours % 24}h`
      : `${hours / 24}d`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const years = Math.floor(hours / 24 / 365);
  const days = Math.floor(hours / 24) % 365;
  if (hours < 24 * 365 * 8) return days ? `${years}y${days}d` : `${years}y`;
  return `${years}y`;
}

// The cluster's time while one table is built (printers run synchronously inside toTable), so
// ages agree with the timestamps of a sandbox whose clock is not the wall clock.
let tableNow = Date.now();

const age = (time: unknown) =>
  typeof time === 'string'
    ? humanDuration(tableNow - Date.parse(time))
    : '<unknown>';

const get = (o: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((v, k) => (isObject(v) ? v[k] : undefined), o);

const AGE = {
  name: 'Age',
  type: 'string',
  description:
    'CreationTimestamp is a timestamp representing the server time when this object was created.',
};

/** The STATUS column the API server's pod printer computes: the most telling container reason. */
function podReason(o: Readonly<KubeObject>): string {
  let reason = String(get(o, 'status.reason') ?? get(o, 'status.phase') ?? '');
  const inits =
    (get(o, 'status.initContainerStatuses') as JsonObject[] | undefined) ?? [];
  let initializing = false;
  inits.forEach((s, i) => {
    if (initializing) return;
    const state = (s.state ?? {}) as JsonObject;
    const terminated = state.terminated as JsonObject | undefined;
    const waiting = state.waiting as JsonObject | undefined;
    if (terminated && Number(terminated.exitCode) === 0) return;
    initializing = true;
    if (terminated) {
      reason = terminated.reason
        ? `Init:${terminated.reason}`
        : `Init:ExitCode:${terminated.exitCode}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${inits.length}`;
    }
  });
  if (!initializing) {
    const statuses =
      (get(o, 'status.containerStatuses') as JsonObject[] | undefined) ?? [];
    let running = false;
    for (const s of [...statuses].reverse()) {
      const state = (s.state ?? {}) as JsonObject;
      const waiting = state.waiting as JsonObject | undefined;
      const terminated = state.terminated as JsonObject | undefined;
      if (waiting?.reason) reason = String(waiting.reason);
      else if (terminated?.reason) reason = String(terminated.reason);
      else if (terminated) reason = `ExitCode:${terminated.exitCode}`;
      else if (state.running && s.ready) running = true;
    }
    if (reason === 'Completed' && running) reason = 'Running';
  }
  return o.metadata.deletionTimestamp ? 'Terminating' : reason;
}

function podCells(o: Readonly<KubeObject>): Cell[] {
  const statuses =
    (get(o, 'status.containerStatuses') as JsonObject[] | undefined) ?? [];
  const containers = (get(o, 'spec.containers') as unknown[] | undefined) ?? [];
  const ready = statuses.filter(s => s.ready === true).length;
  const restarts = statuses.reduce(
    (n, s) => n + (Number(s.restartCount) || 0),
    0,
  );
  // Since Kubernetes 1.22 the restarts column tells how long ago the last one was.
  const last = statuses
    .map(s => get(s, 'lastState.terminated.finishedAt'))
    .filter((t): t is string => typeof t === 'string')
    .sort()
    .at(-1);
  return [
    `${ready}/${containers.length}`,
    podReason(o),
    restarts && last ? `${restarts} (${age(last)} ago)` : restarts,
    age(o.metadata.creationTimestamp),
  ];
}

const BUILTIN: Record<string, Printer> = {
  Namespace: {
    columns: [{ name: 'Status', type: 'string' }, AGE],
    cells: o => [
      String(get(o, 'status.phase') ?? ''),
      age(o.metadata.creationTimestamp),
    ],
  },
  Pod: {
    columns: [
      { name: 'Ready', type: 'string' },
      { name: 'Status', type: 'string' },
      { name: 'Restarts', type: 'string' },
      AGE,
    ],
    cells: podCells,
  },
  PersistentVolumeClaim: {
    columns: [
      { name: 'Status', type: 'string' },
      { name: 'Volume', type: 'string' },
      { name: 'Capacity', type: 'string' },
      { name: 'Access Modes', type: 'string' },
      { name: 'StorageClass', type: 'string' },
      AGE,
    ],
    cells: o => [
      String(get(o, 'status.phase') ?? ''),
      String(get(o, 'spec.volumeName') ?? ''),
      String(get(o, 'status.capacity.storage') ?? ''),
      ((get(o, 'status.accessModes') as string[] | undefined) ?? [])
        .map(
          m =>
            ((
              {
                ReadWriteOnce: 'RWO',
                ReadOnlyMany: 'ROX',
                ReadWriteMany: 'RWX',
                ReadWriteOncePod: 'RWOP',
              } as Record<string, string>
            )[m] ?? m),
        )
        .join(','),
      String(get(o, 'spec.storageClassName') ?? ''),
      age(o.metadata.creationTimestamp),
    ],
  },
  Service: {
    columns: [
      { name: 'Type', type: 'string' },
      { name: 'Cluster-IP', type: 'string' },
      { name: 'External-IP', type: 'string' },
      { name: 'Port(s)', type: 'string' },
      AGE,
    ],
    cells: o => [
      String(get(o, 'spec.type') ?? ''),
      String(get(o, 'spec.clusterIP') ?? ''),
      '<none>',
      ((get(o, 'spec.ports') as JsonObject[] | undefined) ?? [])
        .map(p => `${p.port}/${p.protocol ?? 'TCP'}`)
        .join(',') || '<none>',
      age(o.metadata.creationTimestamp),
    ],
  },
  Secret: {
    columns: [
      { name: 'Type', type: 'string' },
      { name: 'Data', type: 'string' },
      AGE,
    ],
    cells: o => [
      String(get(o, 'type') ?? ''),
      Object.keys((get(o, 'data') as object | undefined) ?? {}).length,
      age(o.metadata.creationTimestamp),
    ],
  },
  ConfigMap: {
    columns: [{ name: 'Data', type: 'string' }, AGE],
    cells: o => [
      Object.keys((get(o, 'data') as object | undefined) ?? {}).length +
        Object.keys((get(o, 'binaryData') as object | undefined) ?? {}).length,
      age(o.metadata.creationTimestamp),
    ],
  },
  Event: {
    columns: [
      { name: 'Last Seen', type: 'string' },
      { name: 'Type', type: 'string' },
      { name: 'Reason', type: 'string' },
      { name: 'Object', type: 'string' },
      { name: 'Message', type: 'string' },
    ],
    cells: o => [
      age(
        get(o, 'lastTimestamp') ??
          get(o, 'eventTime') ??
          o.metadata.creationTimestamp,
      ),
      String(get(o, 'type') ?? ''),
      String(get(o, 'reason') ?? ''),
      `${String(get(o, 'involvedObject.kind') ?? '').toLowerCase()}/${
        get(o, 'involvedObject.name') ?? ''
      }`,
      String(get(o, 'message') ?? ''),
    ],
  },
  StatefulSet: {
    columns: [{ name: 'Ready', type: 'string' }, AGE],
    cells: o => [
      `${get(o, 'status.readyReplicas') ?? 0}/${get(o, 'spec.replicas') ?? 0}`,
      age(o.metadata.creationTimestamp),
    ],
  },
  CustomResourceDefinition: {
    columns: [{ name: 'Created At', type: 'date' }],
    cells: o => [String(o.metadata.creationTimestamp ?? '')],
  },
};

function crdPrinter(columns: PrinterColumn[]): Printer {
  const cols = columns.length
    ? columns
    : [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }];
  return {
    columns: cols.map(c => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: c.description ?? '',
      priority: c.priority ?? 0,
    })),
    cells: o =>
      cols.map(c => {
        const values = evaluateJsonPath(o, c.jsonPath);
        if (!values.length) return null;
        if (c.type === 'date') return age(values[0]);
        if (
          values.length === 1 &&
          (typeof values[0] === 'number' || typeof values[0] === 'boolean')
        ) {
          return values[0] as Cell;
        }
        return values
          .map(v => (typeof v === 'string' ? v : JSON.stringify(v)))
          .join(',');
      }),
  };
}

function printerOf(type: ResourceType, version: string): Printer {
  if (type.builtin) return BUILTIN[type.kind];
  return crdPrinter(
    type.versions.find(v => v.name === version)?.printerColumns ?? [],
  );
}

/** The metadata-only form of an object (`includeObject=Metadata`, the default). */
export function partialObjectMetadata(o: Readonly<KubeObject>) {
  return {
    kind: 'PartialObjectMetadata',
    apiVersion: 'meta.k8s.io/v1',
    metadata: o.metadata,
  };
}

/** A Table of objects. `includeObject`: None, Metadata (default) or Object. @public */
export function toTable(
  type: ResourceType,
  version: string,
  objects: ReadonlyArray<Readonly<KubeObject>>,
  listMeta: JsonObject,
  includeObject = 'Metadata',
  withHeaders = true,
  now = Date.now(),
) {
  const printer = printerOf(type, version);
  tableNow = now;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: withHeaders
      ? [
          NAME_COLUMN,
          ...printer.columns.map(c => ({
            format: '',
            description: '',
            priority: 0,
            ...c,
          })),
        ]
      : [],
    rows: objects.map(o => ({
      cells: [o.metadata.name ?? '', ...printer.cells(o)],
      ...(includeObject === 'None'
        ? {}
        : {
            object: includeObject === 'Object' ? o : partialObjectMetadata(o),
          }),
    })),
  };
}
