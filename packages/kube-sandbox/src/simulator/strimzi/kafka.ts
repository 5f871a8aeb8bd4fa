import { asObject, isObject, KubeObject } from '../../types';
import { key, SimContext } from '../context';
import { kafkaClusterId } from '../hash';
import { selectorOf } from '../kube/statefulsets';
import { ensure, remove, transition, writeStatus } from '../writer';
import {
  entityOperatorPod,
  kafkaServices,
  listenerStatus,
  nodeClaims,
  nodePod,
  PoolNodes,
  storageVolumes,
} from './kafkaResources';
import {
  paused,
  selectorLabels,
  STRIMZI_MANAGER,
  strimziApi,
  strimziFlavour,
  strimziLabels,
} from './names';
import { desiredPodSet, podSetsOf } from './podsets';
import { rollStep } from './roller';
import { reconcileFailed, waitFor, writePaused } from './waits';

const obj = asObject;

/** Node pools of a cluster, and the node IDs Strimzi keeps for each (lowest free IDs to new nodes, highest removed first). */
function assignNodeIds(
  ctx: SimContext,
  pools: Array<Readonly<KubeObject>>,
): PoolNodes[] {
  const sorted = [...pools].sort(
    (a, b) =>
      String(a.metadata.creationTimestamp).localeCompare(
        String(b.metadata.creationTimestamp),
      ) || String(a.metadata.name).localeCompare(String(b.metadata.name)),
  );
  const known = sorted.map(pool => {
    const memo = `strimzi-ids|${pool.metadata.uid}`;
    const ids =
      (obj(pool.status).nodeIds as number[] | undefined) ??
      (ctx.memory.get(memo) as number[] | undefined) ??
      [];
    return { pool, memo, ids: [...ids].sort((x, y) => x - y) };
  });
  const used = new Set(known.flatMap(k => k.ids));
  return known.map(({ pool, memo, ids }) => {
    const replicas = Number(obj(pool.spec).replicas ?? 0);
    const next = ids.slice(0, replicas);
    ids.slice(replicas).forEach(id => used.delete(id));
    for (let id = 0; next.length < replicas; id++) {
      if (!used.has(id)) {
        used.add(id);
        next.push(id);
      }
    }
    next.sort((x, y) => x - y);
    ctx.memory.set(memo, next);
    const roles = (obj(pool.spec).roles as string[] | undefined) ?? ['broker'];
    return { pool, name: String(pool.metadata.name), roles, ids: next };
  });
}

/**
 * Strimzi's one documented non-fatal warning (Strimzi's docs, Argo CD's sample): a single broker
 * on ephemeral storage loses its messages on every restart.
 */
function storageWarning(
  ctx: SimContext,
  previous: unknown,
  nodes: PoolNodes[],
) {
  const brokers = nodes.filter(n => n.roles.includes('broker'));
  const count = brokers.reduce((n, p) => n + p.ids.length, 0);
  const ephemeral = brokers.every(p =>
    storageVolumes(p.pool).every(v => !v.persistent),
  );
  if (count !== 1 || !ephemeral) return [];
  return [
    transition(ctx, previous, {
      type: 'Warning',
      status: 'True',
      reason: 'KafkaStorage',
      message:
        'A Kafka cluster with a single replica and ephemeral storage will lose topic messages after any restart or rolling update',
    }),
  ];
}

/** Controllers roll first, then brokers, each in node ID order. */
function nodeOrder(pools: PoolNodes[], cluster: string) {
  const rank = new Map<string, number>();
  for (const p of pools) {
    for (const id of p.ids) {
      rank.set(
        `${cluster}-${p.name}-${id}`,
        (p.roles.includes('controller') ? 0 : 100_000) + id,
      );
    }
  }
  return (a: string, b: string) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0);
}

function cleanUp(ctx: SimContext, namespace: string, cluster: string) {
  const selector = selectorOf(
    selectorLabels(cluster, 'Kafka', `${cluster}-entity-operator`),
  );
  ctx.api
    .list('v1', 'Pod', namespace, { labelSelector: selector })
    .forEach(p => remove(ctx, p));
}

/**
 * Strimzi's reconcile of a Kafka CR with its node pools: a StrimziPodSet of node pods and their
 * PVCs per pool, the bootstrap and brokers Services, a roll per node when a pod's definition
 * changes, the entity operator, and the status: NotReady/Creating at first, then Ready (or
 * NotReady/TimeoutException when pods stay unready past the operation timeout), with the node
 * pools' status written alongside.
 */
export function reconcileStrimziKafka(
  ctx: SimContext,
  namespace: string,
  cluster: string,
) {
  const flavour = strimziFlavour(ctx);
  const kafka =
    flavour && ctx.api.get(flavour.api, 'Kafka', cluster, namespace);
  if (!flavour) return;
  if (!kafka) {
    cleanUp(ctx, namespace, cluster);
    return;
  }
  if (
    kafka.metadata.deletionTimestamp ||
    ctx.faults.operatorStuck(namespace, cluster)
  )
    return;
  const status = obj(kafka.status);
  if (paused(kafka)) {
    writePaused(ctx, kafka);
    return;
  }
  if (!Array.isArray(status.conditions)) {
    writeStatus(
      ctx,
      kafka,
      {
        conditions: [
          transition(ctx, [], {
            type: 'NotReady',
            status: 'True',
            reason: 'Creating',
            message: 'Kafka cluster is being deployed',
          }),
        ],
      },
      STRIMZI_MANAGER,
    );
    return;
  }
  const poolApi = strimziApi(ctx, 'KafkaNodePool');
  const pools = poolApi
    ? ctx.api.list(poolApi, 'KafkaNodePool', namespace, {
        labelSelector: `strimzi.io/cluster=${cluster}`,
      })
    : [];
  if (!pools.length) return;
  const nodes = assignNodeIds(ctx, pools);
  const services = kafkaServices(kafka, nodes);
  services.forEach(s => ensure(ctx, s, STRIMZI_MANAGER));
  // Load balancers of listeners and brokers that are gone are deleted (Strimzi's batch reconcile).
  const wanted = new Set(services.map(s => s.metadata.name));
  ctx.api
    .list('v1', 'Service', namespace, {
      labelSelector: selectorOf(
        selectorLabels(cluster, 'Kafka', `${cluster}-kafka`),
      ),
    })
    .filter(
      s =>
        obj(s.spec).type === 'LoadBalancer' &&
        !wanted.has(String(s.metadata.name)),
    )
    .forEach(s => remove(ctx, s));
  const matchLabels = selectorLabels(cluster, 'Kafka', `${cluster}-kafka`);
  for (const pool of nodes) {
    for (const id of pool.ids) {
      nodeClaims(kafka, pool, id, ctx.storageClass).forEach(c =>
        ensure(ctx, c, STRIMZI_MANAGER),
      );
    }
    ensure(
      ctx,
      desiredPodSet(
        kafka,
        flavour.podSetApi,
        `${cluster}-${pool.name}`,
        {
          ...strimziLabels(
            kafka,
            cluster,
            'Kafka',
            `${cluster}-kafka`,
            'kafka',
          ),
          'strimzi.io/pool-name': pool.name,
        },
        { ...matchLabels, 'strimzi.io/pool-name': pool.name },
        pool.ids.map(id => nodePod(kafka, flavour, pool, id)),
      ),
      STRIMZI_MANAGER,
    );
  }
  const podSets = podSetsOf(ctx, kafka);
  for (const podSet of podSets) {
    const pool = podSet.metadata.labels?.['strimzi.io/pool-name'];
    if (!nodes.some(n => n.name === pool)) remove(ctx, podSet);
  }
  const live = podSetsOf(ctx, kafka).filter(s =>
    nodes.some(n => n.name === s.metadata.labels?.['strimzi.io/pool-name']),
  );
  const roll = rollStep(ctx, live, nodeOrder(nodes, cluster));
  const self = key('strimzi', 'Kafka', namespace, cluster);
  const wait = waitFor(ctx, self, roll);
  if (wait === 'waiting') return;
  if (wait === 'timedOut') {
    reconcileFailed(ctx, kafka, roll, STRIMZI_MANAGER);
    return;
  }

  const eo = obj(obj(kafka.spec).entityOperator);
  const eoPods = ctx.api.list('v1', 'Pod', namespace, {
    labelSelector: selectorOf(
      selectorLabels(cluster, 'Kafka', `${cluster}-entity-operator`),
    ),
  });
  if (isObject(eo.topicOperator) || isObject(eo.userOperator)) {
    ensure(ctx, entityOperatorPod(kafka, flavour), STRIMZI_MANAGER);
  } else {
    eoPods.forEach(p => remove(ctx, p));
  }

  const listeners = listenerStatus(kafka, flavour, nodes, service =>
    ctx.api.get('v1', 'Service', service, namespace),
  );
  // Strimzi waits for its load balancers' addresses (their Services' status changes call it back).
  if (!listeners) return;
  const generation = Number(kafka.metadata.generation ?? 1);
  const clusterId =
    (status.clusterId as string | undefined) ??
    kafkaClusterId(String(kafka.metadata.uid));
  const kafkaSpec = obj(obj(kafka.spec).kafka);
  const version = String(kafkaSpec.version ?? flavour.kafkaVersion);
  const allIds = nodes.flatMap(n => n.ids).sort((a, b) => a - b);
  writeStatus(
    ctx,
    kafka,
    {
      conditions: [
        ...storageWarning(ctx, status.conditions, nodes),
        transition(ctx, status.conditions, { type: 'Ready', status: 'True' }),
      ],
      observedGeneration: generation,
      listeners,
      kafkaNodePools: nodes
        .map(n => ({ name: n.name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      ...(flavour.v1beta2 ? { registeredNodeIds: allIds } : {}),
      clusterId,
      operatorLastSuccessfulVersion: flavour.operatorVersion,
      kafkaVersion: version,
      kafkaMetadataVersion: String(
        kafkaSpec.metadataVersion ?? flavour.metadataVersion,
      ),
      ...(flavour.v1beta2 ? { kafkaMetadataState: 'KRaft' } : {}),
    },
    STRIMZI_MANAGER,
  );
  for (const n of nodes) {
    writeStatus(
      ctx,
      n.pool,
      {
        conditions: [],
        observedGeneration: n.pool.metadata.generation,
        nodeIds: n.ids,
        clusterId,
        roles: n.roles,
        replicas: n.ids.length,
        labelSelector: `strimzi.io/cluster=${cluster},strimzi.io/name=${cluster}-kafka,strimzi.io/kind=Kafka,strimzi.io/pool-name=${n.name}`,
      },
      STRIMZI_MANAGER,
    );
  }
}
