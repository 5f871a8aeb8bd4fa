import { WatchSpec } from '../types';
import { OperatorFacts } from './facts';
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

/**
 * Projects a pod, keeping only the labels its operator's rules read (others are dropped to save
 * memory) and the annotations listed (a revision, say).
 */
export function projectPod(
  object: unknown,
  operator: Pick<OperatorFacts, 'isOperatorPodLabel'>,
  annotations: readonly string[] = [],
): ProjectedPod | undefined {
  const meta = projectMeta(object, {
    keepLabel: operator.isOperatorPodLabel,
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

/** Projects a Warning event of one of `kinds` (the kinds whose events can explain a verdict). */
export function projectEvent(
  object: unknown,
  kinds: ReadonlySet<string>,
): ProjectedEvent | undefined {
  const type = str(get(object, 'type')) ?? 'Normal';
  const involved = get(object, 'involvedObject') ?? get(object, 'regarding');
  const kind = str(get(involved, 'kind'));
  const name = str(get(involved, 'name'));
  const namespace =
    str(get(involved, 'namespace')) ??
    str(get(object, 'metadata', 'namespace'));
  // Normal events (Scheduled, Pulled, Started) never explain a bad verdict.
  if (type !== 'Warning' || !kind || !name || !namespace || !kinds.has(kind)) {
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

/** The snapshot key of the events watch, whichever kinds it keeps. */
export const EVENTS_KEY = 'core/events';

/**
 * Warning events only (the only ones that explain a verdict) of the kinds given; every adapter
 * shares one such watch, of every operator's event kinds.
 */
export function createEventWatch(
  kinds: Iterable<string>,
): WatchSpec<ProjectedEvent> {
  const kept = new Set(kinds);
  return {
    key: EVENTS_KEY,
    group: '',
    versions: ['v1'],
    kind: 'Event',
    plural: 'events',
    fieldSelector: 'type=Warning',
    project: object => projectEvent(object, kept),
  };
}
