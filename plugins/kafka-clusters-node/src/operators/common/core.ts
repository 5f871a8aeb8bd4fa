import { WatchSpec } from '../types';
import { ProjectedMeta, projectMeta } from './meta';
import { get, list, num, str, truncate } from './raw';
import { isoTime, parseTime } from './time';

/** A container state that explains a pod's readiness. */
export interface ContainerWaiting {
  container: string;
  reason: string;
  message?: string;
}

export interface ContainerTermination {
  container: string;
  reason?: string;
  exitCode?: number;
  at?: string;
}

/** A pod reduced to what the pod rules read (about 1 KB instead of 5 to 20). */
export interface ProjectedPod {
  meta: ProjectedMeta;
  phase: string;
  ready: boolean;
  readySince?: string;
  /** Set when the scheduler could not place the pod (`PodScheduled=False`). */
  unschedulable?: { reason?: string; message?: string; since?: string };
  restarts: number;
  waiting?: ContainerWaiting;
  /** The most recent termination of any container (current or last state). */
  lastTermination?: ContainerTermination;
  /** PVCs the pod mounts, from `spec.volumes`. */
  claims: string[];
  nodeName?: string;
}

export interface ProjectedPvc {
  meta: ProjectedMeta;
  phase?: string;
  storageClass?: string;
}

export interface ProjectedEvent {
  involved: { kind: string; namespace: string; name: string };
  type: string;
  reason: string;
  message: string;
  count: number;
  firstSeen?: string;
  lastSeen?: string;
}

// Waiting reasons that mean "broken" are kept over the benign ones when containers disagree.
const SERIOUS_WAITING = [
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
];

/** Pod labels the adapters match on; others are dropped to save memory. */
export function isOperatorPodLabel(key: string): boolean {
  return (
    key.startsWith('strimzi.io/') ||
    key.startsWith('platform.confluent.io/') ||
    key === 'app' ||
    key === 'type' ||
    key === 'confluent-platform' ||
    key === 'controller-revision-hash'
  );
}

function containerStatuses(status: unknown): unknown[] {
  return [
    ...list(get(status, 'initContainerStatuses')),
    ...list(get(status, 'containerStatuses')),
  ];
}

function pickWaiting(statuses: unknown[]): ContainerWaiting | undefined {
  let picked: ContainerWaiting | undefined;
  for (const item of statuses) {
    const reason = str(get(item, 'state', 'waiting', 'reason'));
    if (!reason) {
      continue;
    }
    const candidate: ContainerWaiting = {
      container: str(get(item, 'name')) ?? '',
      reason,
    };
    const message = truncate(str(get(item, 'state', 'waiting', 'message')));
    if (message) candidate.message = message;
    if (
      !picked ||
      (SERIOUS_WAITING.includes(reason) &&
        !SERIOUS_WAITING.includes(picked.reason))
    ) {
      picked = candidate;
    }
  }
  return picked;
}

function pickTermination(
  statuses: unknown[],
): ContainerTermination | undefined {
  let picked: ContainerTermination | undefined;
  let pickedAt = -Infinity;
  for (const item of statuses) {
    for (const terminated of [
      get(item, 'state', 'terminated'),
      get(item, 'lastState', 'terminated'),
    ]) {
      if (!terminated) {
        continue;
      }
      const at = isoTime(str(get(terminated, 'finishedAt')));
      const ms = parseTime(at) ?? -Infinity;
      if (picked && ms <= pickedAt) {
        continue;
      }
      picked = { container: str(get(item, 'name')) ?? '' };
      const reason = str(get(terminated, 'reason'));
      const exitCode = num(get(terminated, 'exitCode'));
      if (reason) picked.reason = reason;
      if (exitCode !== undefined) picked.exitCode = exitCode;
      if (at) picked.at = at;
      pickedAt = ms;
    }
  }
  return picked;
}

/** Projects a pod; annotations listed are kept (Strimzi's `strimzi.io/revision`). */
export function projectPod(
  object: unknown,
  annotations: readonly string[] = [],
): ProjectedPod | undefined {
  const meta = projectMeta(object, {
    keepLabel: isOperatorPodLabel,
    annotations,
  });
  if (!meta) {
    return undefined;
  }
  const status = get(object, 'status');
  const conditions = list(get(status, 'conditions'));
  const readyCondition = conditions.find(c => get(c, 'type') === 'Ready');
  const scheduled = conditions.find(c => get(c, 'type') === 'PodScheduled');
  const statuses = containerStatuses(status);
  const pod: ProjectedPod = {
    meta,
    phase: str(get(status, 'phase')) ?? 'Unknown',
    ready: get(readyCondition, 'status') === 'True',
    restarts: statuses.reduce<number>(
      (sum, item) => sum + (num(get(item, 'restartCount')) ?? 0),
      0,
    ),
    claims: list(get(object, 'spec', 'volumes'))
      .map(v => str(get(v, 'persistentVolumeClaim', 'claimName')))
      .filter((c): c is string => c !== undefined),
  };
  const readySince = isoTime(str(get(readyCondition, 'lastTransitionTime')));
  if (readySince) pod.readySince = readySince;
  if (get(scheduled, 'status') === 'False') {
    pod.unschedulable = {};
    const reason = str(get(scheduled, 'reason'));
    const message = truncate(str(get(scheduled, 'message')));
    const since = isoTime(str(get(scheduled, 'lastTransitionTime')));
    if (reason) pod.unschedulable.reason = reason;
    if (message) pod.unschedulable.message = message;
    if (since) pod.unschedulable.since = since;
  }
  const waiting = pickWaiting(statuses);
  const termination = pickTermination(statuses);
  const nodeName = str(get(object, 'spec', 'nodeName'));
  if (waiting) pod.waiting = waiting;
  if (termination) pod.lastTermination = termination;
  if (nodeName) pod.nodeName = nodeName;
  return pod;
}

export function projectPvc(object: unknown): ProjectedPvc | undefined {
  const meta = projectMeta(object, { keepLabel: () => false });
  if (!meta) {
    return undefined;
  }
  const pvc: ProjectedPvc = { meta };
  const phase = str(get(object, 'status', 'phase'));
  const storageClass = str(get(object, 'spec', 'storageClassName'));
  if (phase) pvc.phase = phase;
  if (storageClass) pvc.storageClass = storageClass;
  return pvc;
}

/** Kinds whose events can explain a verdict; events of other objects are not kept. */
export const EVENT_KINDS = new Set([
  'Pod',
  'PersistentVolumeClaim',
  'StatefulSet',
  'StrimziPodSet',
  // CFK
  'Kafka',
  'KRaftController',
  'Zookeeper',
  'SchemaRegistry',
  'Connect',
  'Connector',
  'KsqlDB',
  'ControlCenter',
  'KafkaRestProxy',
  'KafkaTopic',
  'ClusterLink',
  'ConfluentRolebinding',
  // Strimzi (Kafka and KafkaTopic above)
  'KafkaNodePool',
  'KafkaUser',
  'KafkaConnect',
  'KafkaConnector',
  'KafkaMirrorMaker2',
  'KafkaBridge',
]);

export function projectEvent(object: unknown): ProjectedEvent | undefined {
  const type = str(get(object, 'type')) ?? 'Normal';
  const involved = get(object, 'involvedObject') ?? get(object, 'regarding');
  const kind = str(get(involved, 'kind'));
  const name = str(get(involved, 'name'));
  const namespace =
    str(get(involved, 'namespace')) ??
    str(get(object, 'metadata', 'namespace'));
  // Normal events (Scheduled, Pulled, Started) never explain a bad verdict.
  if (
    type !== 'Warning' ||
    !kind ||
    !name ||
    !namespace ||
    !EVENT_KINDS.has(kind)
  ) {
    return undefined;
  }
  const event: ProjectedEvent = {
    involved: { kind, namespace, name },
    type,
    reason: str(get(object, 'reason')) ?? '',
    message:
      truncate(str(get(object, 'message') ?? get(object, 'note'))?.trim()) ??
      '',
    count:
      num(get(object, 'count')) ?? num(get(object, 'series', 'count')) ?? 1,
  };
  const firstSeen = isoTime(
    str(get(object, 'firstTimestamp')) ??
      str(get(object, 'eventTime')) ??
      str(get(object, 'metadata', 'creationTimestamp')),
  );
  const lastSeen = isoTime(
    str(get(object, 'lastTimestamp')) ??
      str(get(object, 'series', 'lastObservedTime')) ??
      str(get(object, 'eventTime')) ??
      str(get(object, 'metadata', 'creationTimestamp')),
  );
  if (firstSeen) event.firstSeen = firstSeen;
  if (lastSeen) event.lastSeen = lastSeen;
  return event;
}

/** PVCs are matched to pods by claim name; every PVC is small once projected. */
export const pvcWatch: WatchSpec<ProjectedPvc> = {
  key: 'core/persistentvolumeclaims',
  group: '',
  versions: ['v1'],
  kind: 'PersistentVolumeClaim',
  plural: 'persistentvolumeclaims',
  project: projectPvc,
};

/** Warning events only: the only ones that explain a verdict. */
export const eventWatch: WatchSpec<ProjectedEvent> = {
  key: 'core/events',
  group: '',
  versions: ['v1'],
  kind: 'Event',
  plural: 'events',
  fieldSelector: 'type=Warning',
  project: projectEvent,
};
