// Real-shaped core objects (Pod, PersistentVolumeClaim, Event) as the API server returns them,
// for the cases the shared samples lack. Operator-specific builders (cfk.ts, strimzi.ts) pass
// the operators' labels, names and owners.

/** The time every scenario judges at. */
export const NOW = new Date('2026-11-25T10:00:00Z');

/** An ISO time `minutes` before {@link NOW}. */
export function ago(minutes: number): string {
  return new Date(NOW.getTime() - minutes * 60_000)
    .toISOString()
    .replace('.000Z', 'Z');
}

/** Created a week ago: old enough that no grace period applies. */
export const CREATED = ago(7 * 24 * 60);

export interface ContainerState {
  waiting?: { reason: string; message?: string };
  running?: { startedAt: string };
  terminated?: {
    reason: string;
    exitCode: number;
    startedAt?: string;
    finishedAt: string;
  };
}

export interface PodOptions {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  owner: { apiVersion: string; kind: string; name: string };
  container: string;
  image: string;
  /** PVC claim names, mounted as volumes `data0`, `data1`, … */
  claims?: string[];
  created?: string;
  deleted?: string;
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
  ready?: boolean;
  readySince?: string;
  restarts?: number;
  state?: ContainerState;
  lastState?: ContainerState;
  /** PodScheduled=False with the scheduler's message. */
  unschedulable?: { message: string; since: string };
  nodeName?: string;
}

export function pod(o: PodOptions): Record<string, any> {
  const created = o.created ?? CREATED;
  const ready = o.ready ?? true;
  const scheduled = o.unschedulable === undefined;
  const readySince = o.readySince ?? created;
  const conditions: Record<string, any>[] = [
    {
      type: 'PodScheduled',
      status: scheduled ? 'True' : 'False',
      lastProbeTime: null,
      lastTransitionTime: o.unschedulable?.since ?? created,
      ...(scheduled
        ? {}
        : { reason: 'Unschedulable', message: o.unschedulable!.message }),
    },
  ];
  if (scheduled) {
    conditions.push(
      {
        type: 'Initialized',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: created,
      },
      {
        type: 'Ready',
        status: ready ? 'True' : 'False',
        lastProbeTime: null,
        lastTransitionTime: readySince,
      },
      {
        type: 'ContainersReady',
        status: ready ? 'True' : 'False',
        lastProbeTime: null,
        lastTransitionTime: readySince,
      },
    );
  }
  const phase = o.phase ?? (scheduled ? 'Running' : 'Pending');
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: o.name,
      namespace: o.namespace,
      uid: `uid-pod-${o.namespace}-${o.name}`,
      resourceVersion: '424242',
      creationTimestamp: created,
      ...(o.deleted
        ? { deletionTimestamp: o.deleted, deletionGracePeriodSeconds: 180 }
        : {}),
      labels: o.labels,
      annotations: {
        'kubectl.kubernetes.io/default-container': o.container,
        ...o.annotations,
      },
      ownerReferences: [
        {
          ...o.owner,
          uid: `uid-${o.owner.name}`,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      containers: [
        {
          name: o.container,
          image: o.image,
          resources: {
            requests: { cpu: '500m', memory: '2Gi' },
            limits: { memory: '4Gi' },
          },
          volumeMounts: (o.claims ?? []).map((_, i) => ({
            name: `data${i}`,
            mountPath: `/mnt/data/data${i}`,
          })),
        },
      ],
      volumes: [
        ...(o.claims ?? []).map((claimName, i) => ({
          name: `data${i}`,
          persistentVolumeClaim: { claimName },
        })),
        {
          name: 'kube-api-access',
          projected: { sources: [{ serviceAccountToken: { path: 'token' } }] },
        },
      ],
      ...(scheduled ? { nodeName: o.nodeName ?? 'node-a' } : {}),
      restartPolicy: 'Always',
      serviceAccountName: o.owner.name,
    },
    status: {
      phase,
      conditions,
      ...(scheduled
        ? {
            hostIP: '10.0.0.10',
            podIP: '10.244.1.17',
            startTime: created,
            containerStatuses: [
              {
                name: o.container,
                image: o.image,
                imageID: `${o.image}@sha256:0f1e2d3c`,
                ready,
                started: ready,
                restartCount: o.restarts ?? 0,
                state: o.state ?? { running: { startedAt: readySince } },
                lastState: o.lastState ?? {},
              },
            ],
          }
        : {}),
      qosClass: 'Burstable',
    },
  };
}

export function pvc(o: {
  namespace: string;
  name: string;
  phase?: 'Bound' | 'Pending' | 'Lost';
  storageClass?: string;
  created?: string;
  labels?: Record<string, string>;
}): Record<string, any> {
  const phase = o.phase ?? 'Bound';
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: o.name,
      namespace: o.namespace,
      uid: `uid-pvc-${o.namespace}-${o.name}`,
      creationTimestamp: o.created ?? CREATED,
      labels: o.labels ?? {},
      annotations: {
        'volume.kubernetes.io/storage-provisioner': 'ebs.csi.aws.com',
      },
      finalizers: ['kubernetes.io/pvc-protection'],
    },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '10Gi' } },
      storageClassName: o.storageClass ?? 'gp3',
      volumeMode: 'Filesystem',
      ...(phase === 'Bound' ? { volumeName: `pvc-${o.name}` } : {}),
    },
    status:
      phase === 'Bound'
        ? {
            phase,
            accessModes: ['ReadWriteOnce'],
            capacity: { storage: '10Gi' },
          }
        : { phase },
  };
}

/** A core/v1 Warning event, as kubelet, the scheduler or a provisioner records it. */
export function warningEvent(o: {
  namespace: string;
  involved: { kind: string; name: string; apiVersion?: string };
  reason: string;
  message: string;
  first: string;
  last: string;
  count?: number;
  source?: string;
}): Record<string, any> {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: `${o.involved.name}.${Date.parse(o.first).toString(16)}`,
      namespace: o.namespace,
      creationTimestamp: o.first,
    },
    involvedObject: {
      apiVersion: o.involved.apiVersion ?? 'v1',
      kind: o.involved.kind,
      name: o.involved.name,
      namespace: o.namespace,
      uid: `uid-${o.involved.name}`,
    },
    reason: o.reason,
    message: o.message,
    source: { component: o.source ?? 'kubelet' },
    firstTimestamp: o.first,
    lastTimestamp: o.last,
    count: o.count ?? 1,
    type: 'Warning',
    reportingComponent: o.source ?? 'kubelet',
  };
}

/** A Normal event, which the projection must drop. */
export function normalEvent(o: {
  namespace: string;
  pod: string;
  reason: string;
  at: string;
}): Record<string, any> {
  return {
    ...warningEvent({
      namespace: o.namespace,
      involved: { kind: 'Pod', name: o.pod },
      reason: o.reason,
      message: `${o.reason} container`,
      first: o.at,
      last: o.at,
    }),
    type: 'Normal',
  };
}

/** A crash loop: waiting in CrashLoopBackOff, last terminated as given. */
export function crashLoop(
  reason: string,
  exitCode: number,
  finishedAt: string,
): Pick<PodOptions, 'ready' | 'state' | 'lastState'> {
  return {
    ready: false,
    state: {
      waiting: {
        reason: 'CrashLoopBackOff',
        message: 'back-off 5m0s restarting failed container=kafka pod=…',
      },
    },
    lastState: {
      terminated: { reason, exitCode, startedAt: finishedAt, finishedAt },
    },
  };
}

// `managedFields` spell the fields a manager owns as `f:<name>` keys.
function fieldsOf(value: unknown): Record<string, any> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return {};
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [`f:${key}`, fieldsOf(v)]),
  );
}

/**
 * What the API server adds to an applied custom resource: `resourceVersion`, the
 * `managedFields` of the applier (spec) and of the operator (status subresource), and kubectl's
 * last-applied annotation. The projections must drop all of it.
 */
export function asServed<T extends Record<string, any>>(
  object: T,
  operator: string,
): T {
  const { apiVersion, kind, metadata, spec, status } = object;
  const applied = {
    apiVersion,
    kind,
    metadata: {
      name: metadata.name,
      namespace: metadata.namespace,
      labels: metadata.labels,
    },
    spec,
  };
  return {
    ...object,
    metadata: {
      ...metadata,
      resourceVersion: '7340217',
      annotations: {
        ...metadata.annotations,
        'kubectl.kubernetes.io/last-applied-configuration': `${JSON.stringify(
          applied,
        )}\n`,
      },
      managedFields: [
        {
          apiVersion,
          fieldsType: 'FieldsV1',
          fieldsV1: {
            'f:metadata': {
              'f:annotations': {
                '.': {},
                'f:kubectl.kubernetes.io/last-applied-configuration': {},
              },
              'f:labels': fieldsOf(metadata.labels),
            },
            'f:spec': fieldsOf(spec),
          },
          manager: 'kubectl-client-side-apply',
          operation: 'Update',
          time: metadata.creationTimestamp,
        },
        ...(status
          ? [
              {
                apiVersion,
                fieldsType: 'FieldsV1',
                fieldsV1: { 'f:status': fieldsOf(status) },
                manager: operator,
                operation: 'Update',
                subresource: 'status',
                time: metadata.creationTimestamp,
              },
            ]
          : []),
      ],
    },
  };
}
