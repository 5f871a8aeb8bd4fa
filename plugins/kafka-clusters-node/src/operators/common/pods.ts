import {
  HealthReason,
  KafkaPodStatus,
  KafkaVolumeStatus,
  KubernetesObjectRef,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { HealthThresholds } from '../types';
import { ProjectedPod, ProjectedPvc } from './core';
import { EventIndex, latestEvent } from './events';
import { keyOf } from './meta';
import { ageSeconds } from './time';
import { reason, verdictOf } from './verdict';

/** Where, in this operator's resources, the usual fixes are made for these pods. */
export interface PodFixes {
  /** e.g. "spec.podTemplate.resources of Kafka kafka". */
  memory: string;
  /** e.g. "spec.image.application of Kafka kafka". */
  image: string;
  /** e.g. "spec.storageClass.name of Kafka kafka". */
  storage: string;
}

export interface PodContext {
  /** A change in progress (not stuck) explains a pod that is not ready. */
  explained: boolean;
  now: Date;
  thresholds: HealthThresholds;
  pvcs: ReadonlyMap<string, ProjectedPvc>;
  events: EventIndex;
  /** Where the fixes are made for this pod (Strimzi: its node pool). */
  fixes(pod: ProjectedPod): PodFixes;
  /** Whether the pod runs its controller's current revision; `undefined` when unknown. */
  currentRevision(pod: ProjectedPod): boolean | undefined;
}

export interface PodAssessment {
  pod: ProjectedPod;
  status: KafkaPodStatus;
  reasons: HealthReason[];
}

const IMAGE_PULL = ['ImagePullBackOff', 'ErrImagePull', 'InvalidImageName'];
const CONFIG_ERRORS = [
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
];
const PVC_EVENTS = [
  'ProvisioningFailed',
  'FailedBinding',
  'ExternalProvisioning',
];
const MOUNT_EVENTS = ['FailedMount', 'FailedAttachVolume'];

function podRef(pod: ProjectedPod): KubernetesObjectRef {
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    namespace: pod.meta.namespace,
    name: pod.meta.name,
  };
}

function pvcRef(namespace: string, name: string): KubernetesObjectRef {
  return { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace, name };
}

function volumesOf(
  pod: ProjectedPod,
  pvcs: ReadonlyMap<string, ProjectedPvc>,
): KafkaVolumeStatus[] {
  return pod.claims.map(claimName => {
    const pvc = pvcs.get(keyOf(pod.meta.namespace, claimName));
    const volume: KafkaVolumeStatus = { claimName };
    if (pvc?.phase) {
      volume.phase = pvc.phase;
      volume.bound = pvc.phase === 'Bound';
    }
    if (pvc?.storageClass) volume.storageClass = pvc.storageClass;
    return volume;
  });
}

function terminationText(pod: ProjectedPod): string {
  const t = pod.lastTermination;
  if (!t?.reason && t?.exitCode === undefined) {
    return '';
  }
  const code = t.exitCode === undefined ? '' : ` (exit code ${t.exitCode})`;
  return `; last terminated ${t.reason ?? 'with an error'}${code}`;
}

function withinGrace(since: string | undefined, ctx: PodContext): boolean {
  const age = ageSeconds(since, ctx.now);
  return age !== undefined && age <= ctx.thresholds.podNotReadyGraceSeconds;
}

// A pod that waits: explained by a change, or still within its grace period → progressing.
function waitingImpact(since: string | undefined, ctx: PodContext) {
  return ctx.explained || withinGrace(since, ctx) ? 'progressing' : 'degraded';
}

function crashReasons(pod: ProjectedPod, ctx: PodContext): HealthReason[] {
  const waiting = pod.waiting!;
  const ref = podRef(pod);
  const oom = pod.lastTermination?.reason === 'OOMKilled';
  const backOff = latestEvent(ctx.events, ref, ['BackOff']);
  return [
    reason(
      'PodCrashLooping',
      'degraded',
      `Container ${waiting.container} of pod ${
        pod.meta.name
      } is in CrashLoopBackOff after ${pod.restarts} restarts${terminationText(
        pod,
      )}`,
      ref,
      {
        since: backOff?.firstSeen ?? pod.readySince ?? pod.lastTermination?.at,
        fix: oom
          ? `The container ran out of memory: raise the memory limit (and the JVM heap with it) in ${
              ctx.fixes(pod).memory
            }`
          : `Read why it stopped: kubectl -n ${pod.meta.namespace} logs ${pod.meta.name} -c ${waiting.container} --previous`,
      },
    ),
  ];
}

function pendingVolumeReasons(
  pod: ProjectedPod,
  volumes: KafkaVolumeStatus[],
  ctx: PodContext,
): HealthReason[] {
  const reasons: HealthReason[] = [];
  for (const volume of volumes) {
    if (volume.phase !== 'Pending' && volume.phase !== 'Lost') {
      continue;
    }
    const ref = pvcRef(pod.meta.namespace, volume.claimName);
    const pvc = ctx.pvcs.get(keyOf(pod.meta.namespace, volume.claimName));
    if (volume.phase === 'Lost') {
      reasons.push(
        reason(
          'PvcLost',
          'degraded',
          `PVC ${volume.claimName} of pod ${pod.meta.name} lost its volume`,
          ref,
          {
            fix: `The PersistentVolume behind it is gone: restore it, or delete the PVC and the pod so the broker rebuilds its data from the other replicas`,
          },
        ),
      );
      continue;
    }
    const event = latestEvent(ctx.events, ref, PVC_EVENTS);
    const since = event?.firstSeen ?? pvc?.meta.creationTimestamp;
    const storageClass = volume.storageClass
      ? `storage class ${volume.storageClass}`
      : 'the default storage class';
    reasons.push(
      reason(
        'PvcPending',
        waitingImpact(since, ctx),
        `PVC ${volume.claimName} of pod ${pod.meta.name} is Pending${
          event ? `: ${event.reason}: ${event.message}` : ''
        }`,
        ref,
        {
          since,
          fix: `Check that ${storageClass} exists and its provisioner runs (kubectl get storageclass), or set another one in ${
            ctx.fixes(pod).storage
          }`,
        },
      ),
    );
  }
  return reasons;
}

function notReadyReasons(
  pod: ProjectedPod,
  volumes: KafkaVolumeStatus[],
  ctx: PodContext,
): HealthReason[] {
  const ref = podRef(pod);
  const waiting = pod.waiting;
  if (pod.phase === 'Failed') {
    return [
      reason(
        'PodFailed',
        'degraded',
        `Pod ${pod.meta.name} failed${terminationText(pod)}`,
        ref,
        {
          since: pod.lastTermination?.at,
          fix: `Look at its events and logs: kubectl -n ${pod.meta.namespace} describe pod ${pod.meta.name}`,
        },
      ),
    ];
  }
  if (waiting?.reason === 'CrashLoopBackOff') {
    return crashReasons(pod, ctx);
  }
  if (waiting && IMAGE_PULL.includes(waiting.reason)) {
    const event = latestEvent(ctx.events, ref, ['Failed']);
    return [
      reason(
        'PodImagePullFailed',
        'degraded',
        `Pod ${pod.meta.name} cannot pull the image of container ${
          waiting.container
        }: ${waiting.reason}${waiting.message ? ` (${waiting.message})` : ''}`,
        ref,
        {
          since: event?.firstSeen ?? pod.meta.creationTimestamp,
          fix: `Check the image name and tag in ${
            ctx.fixes(pod).image
          }, and the pull secrets`,
        },
      ),
    ];
  }
  if (waiting && CONFIG_ERRORS.includes(waiting.reason)) {
    return [
      reason(
        'PodConfigError',
        'degraded',
        `Container ${waiting.container} of pod ${pod.meta.name} cannot start: ${
          waiting.reason
        }${waiting.message ? ` (${waiting.message})` : ''}`,
        ref,
        {
          since: pod.meta.creationTimestamp,
          fix: `Check that the Secrets and ConfigMaps it references exist: kubectl -n ${pod.meta.namespace} describe pod ${pod.meta.name}`,
        },
      ),
    ];
  }
  const volumeReasons = pendingVolumeReasons(pod, volumes, ctx);
  if (volumeReasons.length > 0) {
    return volumeReasons;
  }
  if (pod.unschedulable) {
    const event = latestEvent(ctx.events, ref, ['FailedScheduling']);
    const since = event?.firstSeen ?? pod.unschedulable.since;
    return [
      reason(
        'PodUnschedulable',
        waitingImpact(since, ctx),
        `Pod ${pod.meta.name} cannot be scheduled: ${
          event?.message ??
          pod.unschedulable.message ??
          pod.unschedulable.reason ??
          'no node fits'
        }`,
        ref,
        {
          since,
          fix: 'Add capacity to the node pool, or relax the pod’s resources, affinity and tolerations',
        },
      ),
    ];
  }
  const mount = latestEvent(ctx.events, ref, MOUNT_EVENTS);
  const since =
    pod.meta.deletionTimestamp ?? pod.readySince ?? pod.meta.creationTimestamp;
  const state = pod.meta.deletionTimestamp
    ? 'is terminating'
    : `is not ready${waiting ? ` (${waiting.reason})` : ''}`;
  return [
    reason(
      'PodNotReady',
      waitingImpact(since, ctx),
      `Pod ${pod.meta.name} ${state}${
        mount ? `: ${mount.reason}: ${mount.message}` : ''
      }`,
      ref,
      {
        since,
        fix: mount
          ? 'Check the volumes and Secrets the pod mounts'
          : `Look at its events and readiness probe: kubectl -n ${pod.meta.namespace} describe pod ${pod.meta.name}`,
      },
    ),
  ];
}

function restartReasons(pod: ProjectedPod, ctx: PodContext): HealthReason[] {
  const t = pod.lastTermination;
  const age = ageSeconds(t?.at, ctx.now);
  if (
    !t ||
    pod.restarts === 0 ||
    age === undefined ||
    age > ctx.thresholds.recentRestartSeconds
  ) {
    return [];
  }
  const ref = podRef(pod);
  if (t.reason === 'OOMKilled') {
    return [
      reason(
        'PodOOMKilled',
        'healthy',
        `Container ${t.container} of pod ${pod.meta.name} was OOMKilled and restarted`,
        ref,
        {
          since: t.at,
          severity: 'warning',
          fix: `Raise the memory limit (and the JVM heap with it) in ${
            ctx.fixes(pod).memory
          }`,
        },
      ),
    ];
  }
  return [
    reason(
      'PodRestarted',
      'healthy',
      `Container ${t.container} of pod ${pod.meta.name} restarted (${
        pod.restarts
      } restarts${terminationText(pod)})`,
      ref,
      { since: t.at, severity: 'warning' },
    ),
  ];
}

/** The rules for one pod: its state, its volumes, and what explains them. */
export function assessPod(pod: ProjectedPod, ctx: PodContext): PodAssessment {
  const volumes = volumesOf(pod, ctx.pvcs);
  const reasons =
    pod.ready && !pod.meta.deletionTimestamp
      ? [
          ...pendingVolumeReasons(pod, volumes, ctx),
          ...restartReasons(pod, ctx),
        ]
      : notReadyReasons(pod, volumes, ctx);
  const status: KafkaPodStatus = {
    podName: pod.meta.name,
    phase: pod.phase,
    ready: pod.ready,
    restarts: pod.restarts,
    volumes,
    health: verdictOf(reasons),
  };
  const currentRevision = ctx.currentRevision(pod);
  if (pod.readySince) status.readySince = pod.readySince;
  if (pod.waiting) status.waitingReason = pod.waiting.reason;
  if (pod.lastTermination) {
    const { container: _container, ...termination } = pod.lastTermination;
    status.lastTermination = termination;
  }
  if (currentRevision !== undefined) status.currentRevision = currentRevision;
  if (pod.meta.deletionTimestamp) status.terminating = true;
  if (pod.nodeName) status.nodeName = pod.nodeName;
  return { pod, status, reasons };
}
