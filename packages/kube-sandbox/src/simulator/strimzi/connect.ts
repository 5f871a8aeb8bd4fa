import {
  asObject,
  asObjectList,
  isObject,
  JsonObject,
  KubeObject,
} from '../../types';
import { key, ownerRef, SimContext } from '../context';
import { ensure, transition, writeStatus } from '../writer';
import {
  kafkaImage,
  paused,
  selectorLabels,
  STRIMZI_MANAGER,
  strimziApi,
  strimziFlavour,
  StrimziFlavour,
  strimziLabels,
} from './names';
import { exitsAfterStart } from '../kube/kubelet';
import { connectFrom, strimziClient } from '../network';
import { desiredPodSet, podSetsOf, withRevision } from './podsets';
import { rollStep } from './roller';
import { reconcileFailed, waitFor, writePaused } from './waits';

const obj = asObject;
const list = asObjectList;

/** KafkaConnect and KafkaMirrorMaker2: Connect clusters run from a StrimziPodSet (Strimzi's docs). */
const DEPLOYMENTS: Record<string, { suffix: string; component: string }> = {
  KafkaConnect: { suffix: 'connect', component: 'kafka-connect' },
  KafkaMirrorMaker2: {
    suffix: 'mirrormaker2',
    component: 'kafka-mirror-maker-2',
  },
};

/** The Connect worker ID of pod `i`: its stable DNS name under the headless Service. */
export function workerId(
  name: string,
  suffix: string,
  namespace: string,
  i: number,
): string {
  return `${name}-${suffix}-${i}.${name}-${suffix}.${namespace}.svc:8083`;
}

/** Where the workers keep their state: `bootstrapServers`, MirrorMaker 2's `target`, or (v1beta2) its connect cluster's alias. */
function bootstrapOf(spec: JsonObject): string {
  const connectCluster = list(spec.clusters).find(
    c => c.alias === spec.connectCluster,
  );
  return String(
    spec.bootstrapServers ??
      obj(spec.target).bootstrapServers ??
      connectCluster?.bootstrapServers ??
      '',
  );
}

function workerPod(
  cr: Readonly<KubeObject>,
  flavour: StrimziFlavour,
  i: number,
): KubeObject {
  const { suffix, component } = DEPLOYMENTS[String(cr.kind)];
  const name = String(cr.metadata.name);
  const spec = obj(cr.spec);
  const base = `${name}-${suffix}`;
  const pod = `${base}-${i}`;
  const version = String(spec.version ?? flavour.kafkaVersion);
  return withRevision({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: pod,
      labels: {
        ...strimziLabels(cr, name, String(cr.kind), base, component),
        'strimzi.io/controller': 'strimzipodset',
        'strimzi.io/controller-name': base,
        'strimzi.io/pod-name': pod,
      },
      annotations: {
        ...(obj(
          obj(obj(obj(spec.template).pod).metadata).annotations,
        ) as Record<string, string>),
        'strimzi.io/kafka-version': version,
      },
    },
    spec: {
      hostname: pod,
      subdomain: base,
      containers: [
        {
          name: base,
          image: String(spec.image ?? kafkaImage(flavour, version)),
          command: [
            `/opt/kafka/${
              component === 'kafka-connect'
                ? 'kafka_connect'
                : 'kafka_mirror_maker_2'
            }_run.sh`,
          ],
          env: [
            {
              name: 'KAFKA_CONNECT_CONFIGURATION',
              value: Object.entries(obj(spec.config))
                .map(([k, v]) => `${k}=${v}`)
                .join('\n'),
            },
            {
              name: 'KAFKA_CONNECT_BOOTSTRAP_SERVERS',
              value: bootstrapOf(spec),
            },
          ],
          ports: [{ name: 'rest-api', containerPort: 8083, protocol: 'TCP' }],
          resources: spec.resources ?? {},
          readinessProbe: {
            httpGet: { path: '/', port: 'rest-api' },
            initialDelaySeconds: 60,
            timeoutSeconds: 5,
          },
          livenessProbe: {
            httpGet: { path: '/', port: 'rest-api' },
            initialDelaySeconds: 60,
            timeoutSeconds: 5,
          },
          volumeMounts: [
            { name: 'strimzi-tmp', mountPath: '/tmp' },
            {
              name: 'kafka-metrics-and-logging',
              mountPath: '/opt/kafka/custom-config/',
            },
          ],
        },
      ],
      serviceAccountName: base,
      terminationGracePeriodSeconds: 30,
      volumes: [
        {
          name: 'strimzi-tmp',
          emptyDir: { medium: 'Memory', sizeLimit: '5Mi' },
        },
        {
          name: 'kafka-metrics-and-logging',
          configMap: { name: `${base}-config` },
        },
      ],
    },
  });
}

function services(cr: Readonly<KubeObject>): KubeObject[] {
  const { suffix, component } = DEPLOYMENTS[String(cr.kind)];
  const name = String(cr.metadata.name);
  const base = `${name}-${suffix}`;
  const selector = selectorLabels(name, String(cr.kind), base);
  const port = [
    { name: 'rest-api', port: 8083, protocol: 'TCP', targetPort: 8083 },
  ];
  const service = (serviceName: string, spec: JsonObject): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: serviceName,
      namespace: cr.metadata.namespace,
      labels: strimziLabels(cr, name, String(cr.kind), base, component),
      ownerReferences: [ownerRef(cr)],
    },
    spec: { ...spec, ports: port, selector },
  });
  return [
    service(`${base}-api`, { type: 'ClusterIP' }),
    service(base, {
      type: 'ClusterIP',
      clusterIP: 'None',
      publishNotReadyAddresses: true,
    }),
  ];
}

/** The plugins every Strimzi Kafka image ships: MirrorMaker 2's connectors. */
function plugins(version: string) {
  return [
    'MirrorCheckpointConnector',
    'MirrorHeartbeatConnector',
    'MirrorSourceConnector',
  ].map(c => ({
    class: `org.apache.kafka.connect.mirror.${c}`,
    type: 'source',
    version,
  }));
}

/**
 * MirrorMaker 2's Kafka clusters in either shape: `target` and `mirrors[].source` (v1, and
 * accepted by v1beta2), or v1beta2's `clusters[]` named by `connectCluster` and
 * `mirrors[].sourceCluster` / `targetCluster`.
 */
function mirrorMakerClusters(spec: JsonObject) {
  const clusters = list(spec.clusters);
  const byAlias = (alias: unknown) => clusters.find(c => c.alias === alias);
  const target = isObject(spec.target)
    ? spec.target
    : byAlias(spec.connectCluster) ?? {};
  return {
    target,
    mirrors: list(spec.mirrors).map(mirror => {
      const source = isObject(mirror.source)
        ? mirror.source
        : byAlias(mirror.sourceCluster) ?? {};
      return {
        mirror,
        source,
        sourceAlias: String(source.alias ?? mirror.sourceCluster ?? 'source'),
        targetAlias: String(
          mirror.targetCluster ??
            target.alias ??
            spec.connectCluster ??
            'target',
        ),
      };
    }),
  };
}

/**
 * MirrorMaker 2's connectors, named `<source>-><target>.<Connector>`, as its status lists them.
 * The source and checkpoint connectors read the source cluster: when it cannot be reached with
 * the mirror's TLS and authentication, they are FAILED with the Kafka client's error as trace
 * (and no tasks); the heartbeat connector only writes to the target.
 */
function mirrorConnectors(
  ctx: SimContext,
  cr: Readonly<KubeObject>,
  replicas: number,
): JsonObject[] {
  const name = String(cr.metadata.name);
  const namespace = String(cr.metadata.namespace);
  const worker = (i: number) =>
    workerId(name, 'mirrormaker2', namespace, i % replicas);
  return mirrorMakerClusters(obj(cr.spec)).mirrors.flatMap(
    ({ mirror, source, sourceAlias, targetAlias }) => {
      const reached = connectFrom(ctx, namespace, strimziClient(source));
      const connectors: Array<[string, unknown]> = [
        ['MirrorSourceConnector', mirror.sourceConnector],
        ['MirrorCheckpointConnector', mirror.checkpointConnector],
        ['MirrorHeartbeatConnector', mirror.heartbeatConnector],
      ];
      return connectors
        .filter(([, c]) => isObject(c))
        .map(([connector, c]): JsonObject => {
          const named = `${sourceAlias}->${targetAlias}.${connector}`;
          if (!reached.ok && connector !== 'MirrorHeartbeatConnector') {
            return {
              connector: {
                state: 'FAILED',
                trace: `${reached.exception}: ${reached.message}`,
                worker_id: worker(0),
              },
              name: named,
              tasks: [],
              type: 'source',
            };
          }
          const tasks = Number(obj(c).tasksMax ?? 1);
          return {
            connector: { state: 'RUNNING', worker_id: worker(0) },
            name: named,
            tasks: [...Array(tasks).keys()].map(id => ({
              id,
              state: 'RUNNING',
              worker_id: worker(id),
            })),
            type: 'source',
          };
        });
    },
  );
}

/**
 * Strimzi's reconcile of a KafkaConnect or KafkaMirrorMaker2: a StrimziPodSet of workers, the
 * REST API and headless Services, a roll per worker when the definition changes, and Ready with
 * the REST URL, plugins (and MirrorMaker 2's connectors) once the workers are ready.
 */
export function reconcileStrimziConnect(
  ctx: SimContext,
  kind: string,
  namespace: string,
  name: string,
) {
  const flavour = strimziFlavour(ctx);
  const api = strimziApi(ctx, kind);
  const cr = api && ctx.api.get(api, kind, name, namespace);
  if (
    !flavour ||
    !cr ||
    cr.metadata.deletionTimestamp ||
    ctx.faults.operatorStuck(namespace, name)
  )
    return;
  const status = obj(cr.status);
  if (paused(cr)) {
    writePaused(ctx, cr);
    return;
  }
  const { suffix, component } = DEPLOYMENTS[kind];
  const base = `${name}-${suffix}`;
  const spec = obj(cr.spec);
  const replicas = Number(spec.replicas ?? 3);
  const self = key('strimzi', kind, namespace, name);
  const mirrorMaker = kind === 'KafkaMirrorMaker2';
  if (mirrorMaker) {
    // Strimzi's periodic reconciliation: what the connectors reach may change in another cluster.
    ctx.enqueue(self, ctx.timings.strimziReconcileMs);
    // The workers store their state in the target: without it they exit at start, again and again.
    const target = connectFrom(
      ctx,
      namespace,
      strimziClient(mirrorMakerClusters(spec).target),
    );
    for (let i = 0; i < replicas; i++)
      exitsAfterStart(ctx, namespace, `${base}-${i}`, !target.ok);
  }
  services(cr).forEach(s => ensure(ctx, s, STRIMZI_MANAGER));
  const matchLabels = selectorLabels(name, kind, base);
  ensure(
    ctx,
    desiredPodSet(
      cr,
      flavour.podSetApi,
      base,
      strimziLabels(cr, name, kind, base, component),
      matchLabels,
      [...Array(replicas).keys()].map(i => workerPod(cr, flavour, i)),
    ),
    STRIMZI_MANAGER,
  );
  const ordinal = (pod: string) => Number(/-(\d+)$/.exec(pod)?.[1] ?? 0);
  const roll = rollStep(
    ctx,
    podSetsOf(ctx, cr),
    (a, b) => ordinal(a) - ordinal(b),
  );
  const wait = waitFor(ctx, self, roll);
  if (wait === 'waiting') return;
  if (wait === 'timedOut') {
    reconcileFailed(ctx, cr, roll, STRIMZI_MANAGER);
    return;
  }
  const version = String(spec.version ?? flavour.kafkaVersion);
  const connectors = mirrorMaker
    ? mirrorConnectors(ctx, cr, replicas)
    : undefined;
  // Strimzi fails MirrorMaker 2's reconcile when a connector is FAILED (a Vert.x failed future).
  const failed = connectors?.some(c => obj(c.connector).state === 'FAILED');
  writeStatus(
    ctx,
    cr,
    {
      conditions: [
        transition(
          ctx,
          status.conditions,
          failed
            ? {
                type: 'NotReady',
                status: 'True',
                reason: 'NoStackTraceThrowable',
                message: 'One or more connectors are in FAILED state',
              }
            : { type: 'Ready', status: 'True' },
        ),
      ],
      observedGeneration: cr.metadata.generation,
      url: `http://${base}-api.${namespace}.svc:8083`,
      ...(connectors ? { connectors } : {}),
      connectorPlugins: plugins(version),
      replicas,
      labelSelector: Object.entries(matchLabels)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    },
    STRIMZI_MANAGER,
  );
}
