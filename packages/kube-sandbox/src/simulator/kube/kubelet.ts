import { isObject, JsonObject, KubeObject } from '../../types';
import { every, key, nowIso, since, SimContext } from '../context';
import { bucket } from '../hash';
import { transition, writeStatus } from '../writer';
import { stepContainer, stepInitContainer } from './containers';
import { containersOf, qosClass, unreadyMessage } from './podStatus';

/** The PVC names a pod mounts. */
export function claimsOf(pod: Readonly<KubeObject>): string[] {
  const spec = (pod.spec ?? {}) as JsonObject;
  const volumes = Array.isArray(spec.volumes) ? spec.volumes : [];
  return volumes
    .filter(isObject)
    .map(v =>
      isObject(v.persistentVolumeClaim)
        ? String(v.persistentVolumeClaim.claimName)
        : undefined,
    )
    .filter((c): c is string => c !== undefined);
}

/**
 * Marks a pod's main process as one that exits with an error soon after each start (or clears the
 * mark): what a Kafka Connect worker does when it cannot reach its Kafka cluster. The kubelet then
 * restarts it with back-off, as for a crashLoop fault.
 */
export function exitsAfterStart(
  ctx: SimContext,
  namespace: string,
  pod: string,
  exits: boolean,
) {
  const memo = `exits|${namespace}|${pod}`;
  if (exits === ctx.memory.has(memo)) return;
  if (exits) ctx.memory.set(memo, { since: nowIso(ctx), reason: 'Error' });
  else ctx.memory.delete(memo);
  ctx.enqueue(key('kubelet', '', namespace, pod));
}

const condition = (
  ctx: SimContext,
  previous: unknown,
  type: string,
  ok: boolean,
  reason?: string,
  message?: string,
) => ({
  lastProbeTime: null,
  ...transition(ctx, previous, {
    type,
    status: ok ? 'True' : 'False',
    ...(ok ? {} : { reason, message }),
  }),
});

// Spreads ordinal pods (`x-0`, `x-1`, …) over the nodes as anti-affinity would.
function nodeFor(ctx: SimContext, pod: Readonly<KubeObject>): number {
  const name = String(pod.metadata.name);
  const ordinal = /-(\d+)$/.exec(name);
  return ordinal
    ? Number(ordinal[1]) % ctx.nodes.length
    : bucket(name, ctx.nodes.length);
}

function schedule(ctx: SimContext, pod: Readonly<KubeObject>) {
  const namespace = String(pod.metadata.namespace);
  const name = String(pod.metadata.name);
  const claims = claimsOf(pod).map(claim => ({
    claim,
    pvc: ctx.api.get('v1', 'PersistentVolumeClaim', claim, namespace),
  }));
  const unbound = claims.filter(
    c => (c.pvc?.status as JsonObject | undefined)?.phase !== 'Bound',
  );
  if (!unbound.length) {
    ctx.api.bind(namespace, name, ctx.nodes[nodeFor(ctx, pod)], {
      manager: 'kube-scheduler',
    });
    return;
  }
  const failing = unbound.filter(
    c => c.pvc && ctx.faults.pvcPending(namespace, c.claim),
  );
  const missing = unbound.find(c => !c.pvc);
  const n = ctx.nodes.length;
  const preemption = `preemption: 0/${n} nodes are available: ${n} Preemption is not helpful for scheduling.`;
  let message: string | undefined;
  if (failing.length) {
    message = `0/${n} nodes are available: pod has unbound immediate PersistentVolumeClaims. ${preemption}`;
  } else if (
    missing &&
    since(ctx, pod.metadata.creationTimestamp) >= ctx.timings.retryMs
  ) {
    message = `0/${n} nodes are available: persistentvolumeclaim "${missing.claim}" not found. ${preemption}`;
  }
  const self = key('kubelet', '', namespace, name);
  if (!message) {
    ctx.enqueue(self, missing ? ctx.timings.retryMs : ctx.timings.pvcBindMs);
    return;
  }
  const status = (pod.status ?? {}) as JsonObject;
  writeStatus(
    ctx,
    pod,
    {
      phase: 'Pending',
      conditions: [
        condition(
          ctx,
          status.conditions,
          'PodScheduled',
          false,
          'Unschedulable',
          message,
        ),
      ],
      qosClass: qosClass(pod),
    },
    'kube-scheduler',
  );
  if (every(ctx, `FailedScheduling|${pod.metadata.uid}`, ctx.timings.retryMs)) {
    ctx.events.warning(pod, 'FailedScheduling', message, {
      component: 'default-scheduler',
    });
  }
  ctx.enqueue(self, ctx.timings.retryMs);
}

function run(ctx: SimContext, pod: Readonly<KubeObject>) {
  const namespace = String(pod.metadata.namespace);
  const name = String(pod.metadata.name);
  const status = (pod.status ?? {}) as JsonObject;
  const previous = (
    Array.isArray(status.containerStatuses) ? status.containerStatuses : []
  ).filter(isObject);
  const conditions = Array.isArray(status.conditions) ? status.conditions : [];
  const scheduled = conditions.find(
    c => isObject(c) && c.type === 'PodScheduled',
  ) as JsonObject | undefined;
  const scheduledAt =
    Date.parse(String(scheduled?.lastTransitionTime)) || ctx.clock.now();
  const startAt = scheduledAt + ctx.timings.containerStartMs;
  const node = String((pod.spec as JsonObject).nodeName);
  const nodeIndex = Math.max(0, ctx.nodes.indexOf(node));
  const crash =
    ctx.faults.crashLoop(namespace, name) ??
    (ctx.memory.get(`exits|${namespace}|${name}`) as
      | { since: string; reason: 'Error' }
      | undefined);
  const downFault = ctx.faults.componentDown(
    namespace,
    pod.metadata.labels ?? {},
  );
  const down = downFault !== undefined && downFault.reason !== 'FailedMount';
  const mountBlocked =
    downFault?.reason === 'FailedMount' &&
    !previous.some(
      p =>
        (isObject(p.state) && !isObject(p.state.waiting)) ||
        Number(p.restartCount) > 0,
    );

  const steps = containersOf(pod).map((c, i) =>
    stepContainer(
      ctx,
      pod,
      c,
      previous.find(p => p.name === c.name),
      {
        startAt,
        crash: i === 0 ? crash : undefined,
        down,
        mountBlocked,
      },
    ),
  );
  const inits = containersOf(pod, 'initContainers').map(c =>
    stepInitContainer(ctx, pod, c, scheduledAt, startAt, mountBlocked),
  );
  const statuses = steps.map(s => s.status);
  const ready = statuses.every(s => s.ready === true);
  const initialized = inits.every(s => s.status.ready === true);
  const everRan = statuses.some(
    s =>
      isObject(s.state) &&
      (isObject(s.state.running) || Number(s.restartCount) > 0),
  );
  const hostIP = `10.0.0.${10 + nodeIndex}`;
  const podIP = `10.244.${nodeIndex + 1}.${
    bucket(String(pod.metadata.uid), 250) + 2
  }`;
  const next: JsonObject = {
    phase: everRan ? 'Running' : 'Pending',
    conditions: [
      condition(ctx, conditions, 'PodReadyToStartContainers', !mountBlocked),
      condition(
        ctx,
        conditions,
        'Initialized',
        initialized,
        'ContainersNotInitialized',
        `containers with incomplete status: [${containersOf(
          pod,
          'initContainers',
        )
          .map(c => c.name)
          .join(' ')}]`,
      ),
      condition(
        ctx,
        conditions,
        'Ready',
        ready,
        'ContainersNotReady',
        unreadyMessage(statuses),
      ),
      condition(
        ctx,
        conditions,
        'ContainersReady',
        ready,
        'ContainersNotReady',
        unreadyMessage(statuses),
      ),
      scheduled ?? condition(ctx, conditions, 'PodScheduled', true),
    ],
    hostIP,
    hostIPs: [{ ip: hostIP }],
    ...(everRan ? { podIP, podIPs: [{ ip: podIP }] } : {}),
    startTime: scheduled?.lastTransitionTime,
    ...(inits.length
      ? { initContainerStatuses: inits.map(s => s.status) }
      : {}),
    containerStatuses: statuses,
    qosClass: qosClass(pod),
  };
  writeStatus(ctx, pod, next, 'kubelet');

  const source = { component: 'kubelet', host: node };
  if (
    mountBlocked &&
    every(ctx, `FailedMount|${pod.metadata.uid}`, ctx.timings.retryMs)
  ) {
    ctx.events.warning(pod, 'FailedMount', mountFailure(pod), source);
  }
  steps.forEach((step, i) => {
    const container = String(step.status.name);
    const fieldPath = `spec.containers{${container}}`;
    if (step.crashed) {
      ctx.events.warning(
        pod,
        'BackOff',
        `Back-off restarting failed container ${container} in pod ${name}_${namespace}(${pod.metadata.uid})`,
        source,
        fieldPath,
      );
    }
    if (
      step.probeFailing &&
      every(
        ctx,
        `Unhealthy|${pod.metadata.uid}|${i}`,
        ctx.timings.probePeriodMs,
      )
    ) {
      ctx.events.warning(
        pod,
        'Unhealthy',
        probeFailure(pod, i, podIP),
        source,
        fieldPath,
      );
    }
  });
  const dues = [...steps, ...inits]
    .map(s => s.dueMs)
    .filter((d): d is number => d !== undefined);
  if (dues.length)
    ctx.enqueue(
      key('kubelet', '', namespace, name),
      Math.max(1, Math.min(...dues)),
    );
}

/** The kubelet's message for the first Secret (else ConfigMap) volume it cannot mount. */
function mountFailure(pod: Readonly<KubeObject>): string {
  const volumes = ((pod.spec as JsonObject).volumes ?? []) as JsonObject[];
  const secret = volumes.find(v => isObject(v.secret));
  const configMap = volumes.find(v => isObject(v.configMap));
  if (secret) {
    return `MountVolume.SetUp failed for volume "${secret.name}" : secret "${
      (secret.secret as JsonObject).secretName
    }" not found`;
  }
  if (configMap) {
    return `MountVolume.SetUp failed for volume "${
      configMap.name
    }" : configmap "${(configMap.configMap as JsonObject).name}" not found`;
  }
  return 'MountVolume.SetUp failed: the volume could not be mounted';
}

/** What a failing readiness probe reports, after the probe the container declares. */
function probeFailure(
  pod: Readonly<KubeObject>,
  index: number,
  podIP: string,
): string {
  const containers = ((pod.spec as JsonObject).containers ??
    []) as JsonObject[];
  const probe = isObject(containers[index]?.readinessProbe)
    ? containers[index].readinessProbe
    : {};
  if (isObject(probe.tcpSocket)) {
    return `Readiness probe failed: dial tcp ${podIP}:${probe.tcpSocket.port}: connect: connection refused`;
  }
  if (isObject(probe.exec)) {
    return 'Readiness probe failed: command timed out';
  }
  return 'Readiness probe failed: HTTP probe failed with statuscode: 503';
}

/**
 * The scheduler and the kubelet for one pod: a pod without a node is bound once its claims are
 * Bound (else it stays Pending, unschedulable, with FailedScheduling events); a bound pod's
 * containers start, turn ready, crash and fail their probes as the faults say.
 */
export function reconcilePod(ctx: SimContext, namespace: string, name: string) {
  const pod = ctx.api.get('v1', 'Pod', name, namespace);
  if (!pod || pod.metadata.deletionTimestamp) return;
  if (!(pod.spec as JsonObject | undefined)?.nodeName) schedule(ctx, pod);
  else run(ctx, pod);
}
