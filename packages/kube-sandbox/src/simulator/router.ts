import { StoreEvent } from '../store/store';
import { asObject, KubeObject } from '../types';
import { controllerOf, key, SimContext } from './context';
import {
  CFK_APP_KINDS,
  CFK_API,
  CFK_CLUSTER_KINDS,
  CFK_GROUP,
  clusterKind,
} from './cfk/kinds';
import { claimsOf } from './kube/kubelet';
import { PODSET_GROUP, STRIMZI_GROUP, strimziApi } from './strimzi/names';

/** The namespace annotation that switches the simulator off for everything in the namespace. @public */
export const SIMULATOR_SWITCH = 'kube-sandbox.k8s-kafka.io/simulator';

const STRIMZI_WORKLOADS = ['Kafka', 'KafkaConnect', 'KafkaMirrorMaker2'];
const STRIMZI_APPS = ['KafkaTopic', 'KafkaUser', 'KafkaConnector'];

/** A queued reconcile: the key, and whether it waits for the operator's reaction time. */
type Work = [string, boolean];

function cfkApps(ctx: SimContext, namespace?: string): Work[] {
  return CFK_APP_KINDS.flatMap(kind =>
    ctx.storedAt(CFK_GROUP, kind)
      ? ctx.api
          .list(CFK_API, kind, namespace)
          .map(
            (o): Work => [
              key(
                'cfkapp',
                kind,
                String(o.metadata.namespace),
                String(o.metadata.name),
              ),
              true,
            ],
          )
      : [],
  );
}

function strimziApps(
  ctx: SimContext,
  namespace: string,
  kinds = STRIMZI_APPS,
): Work[] {
  return kinds.flatMap(kind => {
    const api = strimziApi(ctx, kind);
    return api
      ? ctx.api
          .list(api, kind, namespace)
          .map(
            (o): Work => [
              key('sapp', kind, namespace, String(o.metadata.name)),
              true,
            ],
          )
      : [];
  });
}

/**
 * The ClusterLinks and MirrorMaker 2s of the cluster: a Kafka changing (its listeners, its
 * readiness, its deletion) changes what they can connect to.
 */
function links(ctx: SimContext): Work[] {
  const out: Work[] = [];
  if (ctx.storedAt(CFK_GROUP, 'ClusterLink')) {
    for (const o of ctx.api.list(CFK_API, 'ClusterLink')) {
      out.push([
        key(
          'cfkapp',
          'ClusterLink',
          String(o.metadata.namespace),
          String(o.metadata.name),
        ),
        true,
      ]);
    }
  }
  const mm2 = strimziApi(ctx, 'KafkaMirrorMaker2');
  if (mm2) {
    for (const o of ctx.api.list(mm2, 'KafkaMirrorMaker2')) {
      out.push([
        key(
          'strimzi',
          'KafkaMirrorMaker2',
          String(o.metadata.namespace),
          String(o.metadata.name),
        ),
        true,
      ]);
    }
  }
  return out;
}

/** The reconciles an object's change calls for: its own controller's, and its owner's. */
function work(
  ctx: SimContext,
  resource: string,
  object: Readonly<KubeObject>,
  type: StoreEvent['type'],
): Work[] {
  const ns = String(object.metadata.namespace ?? '');
  const name = String(object.metadata.name);
  const labels = object.metadata.labels ?? {};
  const owner = controllerOf(object);
  const [, group] = resource.split(/\.(.*)/s);
  switch (resource) {
    case 'pods': {
      const out: Work[] = [[key('kubelet', '', ns, name), false]];
      if (owner?.kind === 'StatefulSet')
        out.push([key('sts', '', ns, owner.name), false]);
      if (owner?.kind === 'StrimziPodSet')
        out.push([key('podset', '', ns, owner.name), false]);
      if (labels['strimzi.io/component-type'] === 'entity-operator') {
        out.push(
          [key('strimzi', 'Kafka', ns, labels['strimzi.io/cluster']), true],
          ...strimziApps(ctx, ns, ['KafkaTopic', 'KafkaUser']),
        );
      }
      return out;
    }
    case 'persistentvolumeclaims': {
      const out: Work[] = [[key('pvc', '', ns, name), false]];
      for (const pod of ctx.api.list('v1', 'Pod', ns)) {
        if (claimsOf(pod).includes(name))
          out.push([key('kubelet', '', ns, String(pod.metadata.name)), false]);
      }
      if (type === 'DELETED' && labels['strimzi.io/kind'] === 'Kafka') {
        out.push([
          key('strimzi', 'Kafka', ns, labels['strimzi.io/cluster']),
          true,
        ]);
      }
      return out;
    }
    case 'services': {
      // The cloud's load-balancer controller, and Strimzi waiting for a load balancer's address.
      if (type === 'DELETED' || asObject(object.spec).type !== 'LoadBalancer')
        return [];
      const out: Work[] = [[key('lb', '', ns, name), false]];
      if (owner?.kind === 'Kafka' && owner.apiVersion.startsWith(STRIMZI_GROUP))
        out.push([key('strimzi', 'Kafka', ns, owner.name), true]);
      return out;
    }
    case 'statefulsets.apps': {
      const out: Work[] = [[key('sts', '', ns, name), false]];
      if (owner && clusterKind(owner.kind))
        out.push([key('cfk', owner.kind, ns, owner.name), true]);
      return out;
    }
    default:
  }
  if (group === PODSET_GROUP) {
    const out: Work[] = [[key('podset', '', ns, name), false]];
    if (owner && STRIMZI_WORKLOADS.includes(owner.kind))
      out.push([key('strimzi', owner.kind, ns, owner.name), true]);
    return out;
  }
  const kind = String(object.kind);
  if (group === CFK_GROUP) {
    if (kind === 'Kafka')
      return [
        [key('cfk', kind, ns, name), true],
        ...cfkApps(ctx),
        ...links(ctx),
      ];
    if (clusterKind(kind))
      return [[key('cfk', kind, ns, name), true], ...cfkApps(ctx)];
    if (kind === 'KafkaRestClass')
      return [[key('cfkapp', kind, ns, name), true], ...cfkApps(ctx)];
    return [[key('cfkapp', kind, ns, name), true]];
  }
  if (group === STRIMZI_GROUP) {
    if (kind === 'KafkaNodePool')
      return [
        [key('strimzi', 'Kafka', ns, labels['strimzi.io/cluster'] ?? ''), true],
      ];
    if (kind === 'Kafka')
      return [
        [key('strimzi', kind, ns, name), true],
        ...strimziApps(ctx, ns, ['KafkaTopic', 'KafkaUser']),
        ...links(ctx),
      ];
    if (kind === 'KafkaConnect')
      return [
        [key('strimzi', kind, ns, name), true],
        ...strimziApps(ctx, ns, ['KafkaConnector']),
      ];
    if (STRIMZI_WORKLOADS.includes(kind))
      return [[key('strimzi', kind, ns, name), true]];
    if (STRIMZI_APPS.includes(kind))
      return [[key('sapp', kind, ns, name), true]];
  }
  return [];
}

/** Every reconcile of a namespace (or of the whole cluster): what a resync (or a switch turned back on) runs. */
export function everything(ctx: SimContext, namespace?: string): string[] {
  const keys: string[] = [];
  const add = (
    controller: string,
    kind: string,
    objects: Array<Readonly<KubeObject>>,
  ) =>
    objects.forEach(o =>
      keys.push(
        key(
          controller,
          kind,
          String(o.metadata.namespace),
          String(o.metadata.name),
        ),
      ),
    );
  add('pvc', '', ctx.api.list('v1', 'PersistentVolumeClaim', namespace));
  add('kubelet', '', ctx.api.list('v1', 'Pod', namespace));
  add('sts', '', ctx.api.list('apps/v1', 'StatefulSet', namespace));
  add(
    'lb',
    '',
    ctx.api
      .list('v1', 'Service', namespace)
      .filter(s => asObject(s.spec).type === 'LoadBalancer'),
  );
  const podSets = ctx.storedAt(PODSET_GROUP, 'StrimziPodSet');
  if (podSets)
    add('podset', '', ctx.api.list(podSets, 'StrimziPodSet', namespace));
  for (const kind of CFK_CLUSTER_KINDS.map(k => k.kind)) {
    if (ctx.storedAt(CFK_GROUP, kind))
      add('cfk', kind, ctx.api.list(CFK_API, kind, namespace));
  }
  keys.push(...cfkApps(ctx, namespace).map(([k]) => k));
  for (const kind of STRIMZI_WORKLOADS) {
    const api = strimziApi(ctx, kind);
    if (api) add('strimzi', kind, ctx.api.list(api, kind, namespace));
  }
  for (const kind of STRIMZI_APPS) {
    const api = strimziApi(ctx, kind);
    if (api) add('sapp', kind, ctx.api.list(api, kind, namespace));
  }
  return keys;
}

/**
 * Routes a store event to the reconciles it calls for; operators' reconciles wait for their
 * reaction time, the kubelet's and the built-in controllers' run at once. A namespace whose
 * switch annotation goes away is resynced.
 */
export function route(ctx: SimContext, event: StoreEvent) {
  const object = event.object.object;
  if (event.resource === 'namespaces') {
    const was = event.previous?.object.metadata.annotations?.[SIMULATOR_SWITCH];
    const is = object.metadata.annotations?.[SIMULATOR_SWITCH];
    if (was === 'off' && is !== 'off' && event.type !== 'DELETED') {
      everything(ctx, String(object.metadata.name)).forEach(k =>
        ctx.enqueue(k),
      );
    }
    return;
  }
  if (event.resource === 'events' || event.resource === 'secrets') return;
  for (const [k, delayed] of work(ctx, event.resource, object, event.type)) {
    ctx.enqueue(k, delayed ? ctx.timings.operatorDelayMs : 0);
  }
}
