import { Clock } from '../clock';
import { ObjectApi } from '../cluster/objectApi';
import { apiVersionOf, KubeObject } from '../types';
import { Store } from '../store/store';
import { reconcileCfkApp } from './cfk/apps';
import { reconcileCfkCluster } from './cfk/clusters';
import {
  CFK_API,
  CFK_CLUSTER_KINDS,
  CFK_GROUP,
  clusterKind,
} from './cfk/kinds';
import { nowIso, SimContext } from './context';
import { ActiveFault, createFaultBook, SimulatorFault } from './faults';
import { createEventRecorder } from './kube/events';
import { claimsOf, reconcilePod } from './kube/kubelet';
import { reconcileLoadBalancer } from './kube/loadBalancers';
import { reconcileStatefulSet } from './kube/statefulsets';
import { reconcileClaim } from './kube/volumes';
import type { FleetNetwork } from './network';
import { createWorkQueue, WorkQueue } from './queue';
import { everything, route, SIMULATOR_SWITCH } from './router';
import { reconcileStrimziApp } from './strimzi/apps';
import { reconcileStrimziConnect } from './strimzi/connect';
import { reconcileStrimziKafka } from './strimzi/kafka';
import { reconcilePodSet } from './strimzi/podsets';
import { strimziApi } from './strimzi/names';
import { DEFAULT_TIMINGS, SimulatorTimings } from './timings';

/** Options of a cluster's simulator. @public */
export interface SimulatorOptions {
  /** Overrides of {@link DEFAULT_TIMINGS}. */
  timings?: Partial<SimulatorTimings>;
  /** Node names pods are scheduled on. Default three workers. */
  nodes?: string[];
  /** The default storage class of claims that name none. Default `gp3`. */
  storageClass?: string;
  /** Called for each failed reconcile (a write the API server refused, a bug). */
  onError?(error: SimulatorError): void;
}

/** A reconcile that failed: which one, when, and why. @public */
export interface SimulatorError {
  time: string;
  key: string;
  message: string;
}

/** What to roll: a CR by namespace and name (and kind, when the name is ambiguous). @public */
export interface RollTarget {
  namespace: string;
  name: string;
  kind?: string;
}

/**
 * The operator simulator of one cluster: CFK's and Strimzi's operators, the StatefulSet
 * controller, the scheduler, the kubelets and the volume provisioner, acting on the cluster's
 * objects through its API as they change and as the sandbox clock moves.
 * @public
 */
export interface Simulator {
  readonly timings: Readonly<SimulatorTimings>;
  /** Runs every reconcile due now (and what follows from it), synchronously. */
  settle(): void;
  /** Injects a fault; injecting the same type on the same target again replaces it. */
  inject(fault: SimulatorFault): ActiveFault;
  /** Clears one fault by id, or every fault; the cluster then recovers. */
  clear(id?: string): ActiveFault[];
  faults(): ActiveFault[];
  /**
   * Asks for a rolling restart the way a person does, by changing the CR's spec: CFK's
   * `spec.podTemplate.annotations.kafkacluster-manual-roll` (CFK's docs), Strimzi's pod
   * template annotation `kubectl.kubernetes.io/restartedAt` (what `kubectl rollout restart` sets).
   */
  roll(target: RollTarget): Readonly<KubeObject>;
  /** The last failed reconciles (up to 100), oldest first. */
  errors(): SimulatorError[];
  stop(): void;
}

/** The cluster a simulator runs on. */
export interface SimulatedCluster {
  name: string;
  api: ObjectApi;
  store: Store;
  clock: Clock;
  servedVersions(
    group: string,
    kind: string,
  ): { versions: string[]; storage: string } | undefined;
  /** The rest of the fleet the cluster runs in (its external listeners). */
  fleet?: FleetNetwork;
}

type Controller = (
  ctx: SimContext,
  kind: string,
  namespace: string,
  name: string,
) => void;

const CONTROLLERS: Record<string, Controller> = {
  kubelet: (ctx, _k, ns, name) => reconcilePod(ctx, ns, name),
  pvc: (ctx, _k, ns, name) => reconcileClaim(ctx, ns, name),
  sts: (ctx, _k, ns, name) => reconcileStatefulSet(ctx, ns, name),
  lb: (ctx, _k, ns, name) => reconcileLoadBalancer(ctx, ns, name),
  podset: (ctx, _k, ns, name) => reconcilePodSet(ctx, ns, name),
  cfk: reconcileCfkCluster,
  cfkapp: reconcileCfkApp,
  strimzi: (ctx, kind, ns, name) =>
    kind === 'Kafka'
      ? reconcileStrimziKafka(ctx, ns, name)
      : reconcileStrimziConnect(ctx, kind, ns, name),
  sapp: reconcileStrimziApp,
};

/** Starts the simulator of a cluster: it subscribes to the store and reconciles from then on. */
export function createSimulator(
  cluster: SimulatedCluster,
  options: SimulatorOptions = {},
): Simulator {
  const timings = Object.freeze({ ...DEFAULT_TIMINGS, ...options.timings });
  const errors: SimulatorError[] = [];
  const report = (k: string, error: unknown) => {
    const e = {
      time: new Date(cluster.clock.now()).toISOString(),
      key: k,
      message: error instanceof Error ? error.message : String(error),
    };
    errors.push(e);
    if (errors.length > 100) errors.shift();
    options.onError?.(e);
  };
  const storedAt = (group: string, kind: string) => {
    const served = cluster.servedVersions(group, kind);
    return served ? apiVersionOf(group, served.storage) : undefined;
  };
  const switchedOff = (namespace: string) => {
    const ns = cluster.api.get('v1', 'Namespace', namespace);
    return !ns || ns.metadata.annotations?.[SIMULATOR_SWITCH] === 'off';
  };
  // The queue runs controllers on the context, whose enqueue feeds the queue.
  const work: { queue?: WorkQueue } = {};
  const faults = createFaultBook((namespace, pod) => {
    const found = cluster.api.get('v1', 'Pod', pod, namespace);
    return found ? claimsOf(found) : undefined;
  });
  const ctx: SimContext = {
    api: cluster.api,
    clock: cluster.clock,
    timings,
    faults,
    events: createEventRecorder(cluster.api, cluster.clock),
    storedAt,
    enqueue: (k, delayMs) => work.queue?.enqueue(k, delayMs),
    memory: new Map(),
    nodes: options.nodes ?? ['worker-1', 'worker-2', 'worker-3'],
    storageClass: options.storageClass ?? 'gp3',
    clusterName: cluster.name,
    fleet: cluster.fleet,
  };
  const run = (k: string) => {
    const [controller, kind, namespace, name] = k.split('|');
    if (namespace && switchedOff(namespace)) return;
    try {
      CONTROLLERS[controller]?.(ctx, kind, namespace, name);
    } catch (error) {
      report(k, error);
    }
  };
  const queue = createWorkQueue(cluster.clock, run, k =>
    report(
      k,
      new Error('the simulator did not settle: a controller keeps rewriting'),
    ),
  );
  work.queue = queue;
  const unsubscribe = cluster.store.subscribe(event => route(ctx, event));
  const resync = (namespace?: string) =>
    everything(ctx, namespace).forEach(k => queue.enqueue(k));
  resync();

  // Replaces a pod and its claims, so that the claims are provisioned again (and fail to).
  const replace = (namespace: string, pod: string) => {
    const found = cluster.api.get('v1', 'Pod', pod, namespace);
    if (!found) return;
    const claims = claimsOf(found);
    cluster.api.delete('v1', 'Pod', pod, namespace);
    for (const claim of claims) {
      if (cluster.api.get('v1', 'PersistentVolumeClaim', claim, namespace)) {
        cluster.api.delete('v1', 'PersistentVolumeClaim', claim, namespace);
      }
    }
  };

  return {
    timings,
    settle: () => queue.drain(),
    inject(fault) {
      const active = faults.add(fault, nowIso(ctx));
      if (fault.type === 'pvcPending') replace(fault.namespace, fault.pod);
      if (fault.type === 'componentDown' && fault.reason === 'FailedMount') {
        // Pods already running keep their volumes: the fault shows on pods started anew.
        cluster.api
          .list('v1', 'Pod', fault.namespace)
          .filter(p =>
            faults.componentDown(fault.namespace, p.metadata.labels ?? {}),
          )
          .forEach(p =>
            cluster.api.delete(
              'v1',
              'Pod',
              String(p.metadata.name),
              fault.namespace,
            ),
          );
      }
      resync(fault.namespace);
      queue.drain();
      return active;
    },
    clear(id) {
      const ids = id === undefined ? faults.list().map(f => f.id) : [id];
      const cleared = ids
        .map(i => faults.remove(i))
        .filter((f): f is ActiveFault => f !== undefined);
      cleared.forEach(f => resync(f.namespace));
      queue.drain();
      return cleared;
    },
    faults: () => faults.list(),
    roll(target) {
      const at = nowIso(ctx);
      const cfk = (
        target.kind ? [target.kind] : CFK_CLUSTER_KINDS.map(k => k.kind)
      )
        .filter(kind => clusterKind(kind) && storedAt(CFK_GROUP, kind))
        .find(kind =>
          cluster.api.get(CFK_API, kind, target.name, target.namespace),
        );
      if (cfk) {
        return cluster.api.patch(CFK_API, cfk, target.name, target.namespace, {
          spec: {
            podTemplate: { annotations: { 'kafkacluster-manual-roll': at } },
          },
        });
      }
      for (const kind of target.kind
        ? [target.kind]
        : ['Kafka', 'KafkaConnect', 'KafkaMirrorMaker2']) {
        const api = strimziApi(ctx, kind);
        if (!api || !cluster.api.get(api, kind, target.name, target.namespace))
          continue;
        const template = {
          pod: {
            metadata: {
              annotations: { 'kubectl.kubernetes.io/restartedAt': at },
            },
          },
        };
        return cluster.api.patch(api, kind, target.name, target.namespace, {
          spec: kind === 'Kafka' ? { kafka: { template } } : { template },
        });
      }
      throw new Error(
        `kube-sandbox: no CFK or Strimzi resource ${target.namespace}/${target.name} to roll`,
      );
    },
    errors: () => [...errors],
    stop() {
      unsubscribe();
      queue.stop();
    },
  };
}
