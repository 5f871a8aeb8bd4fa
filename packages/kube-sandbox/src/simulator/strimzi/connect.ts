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

/** MirrorMaker 2's connectors, named `<source>-><target>.<Connector>`, as its status lists them. */
function mirrorConnectors(
  cr: Readonly<KubeObject>,
  replicas: number,
): JsonObject[] {
  const spec = obj(cr.spec);
  const name = String(cr.metadata.name);
  const namespace = String(cr.metadata.namespace);
  const target = String(
    obj(spec.target).alias ?? spec.connectCluster ?? 'target',
  );
  return list(spec.mirrors).flatMap(mirror => {
    const source = String(
      obj(mirror.source).alias ?? mirror.sourceCluster ?? 'source',
    );
    const targetAlias = String(mirror.targetCluster ?? target);
    const connectors: Array<[string, unknown]> = [
      ['MirrorSourceConnector', mirror.sourceConnector],
      ['MirrorCheckpointConnector', mirror.checkpointConnector],
      ['MirrorHeartbeatConnector', mirror.heartbeatConnector],
    ];
    return connectors
      .filter(([, c]) => isObject(c))
      .map(([connector, c]) => {
        const tasks = Number(obj(c).tasksMax ?? 1);
        return {
          connector: {
            state: 'RUNNING',
            worker_id: workerId(name, 'mirrormaker2', namespace, 0),
          },
          name: `${source}->${targetAlias}.${connector}`,
          tasks: [...Array(tasks).keys()].map(id => ({
            id,
            state: 'RUNNING',
            worker_id: workerId(name, 'mirrormaker2', namespace, id % replicas),
          })),
          type: 'source',
        };
      });
  });
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
  const self = key('strimzi', kind, namespace, name);
  const wait = waitFor(ctx, self, roll);
  if (wait === 'waiting') return;
  if (wait === 'timedOut') {
    reconcileFailed(ctx, cr, roll, STRIMZI_MANAGER);
    return;
  }
  const version = String(spec.version ?? flavour.kafkaVersion);
  writeStatus(
    ctx,
    cr,
    {
      conditions: [
        transition(ctx, status.conditions, { type: 'Ready', status: 'True' }),
      ],
      observedGeneration: cr.metadata.generation,
      url: `http://${base}-api.${namespace}.svc:8083`,
      ...(kind === 'KafkaMirrorMaker2'
        ? { connectors: mirrorConnectors(cr, replicas) }
        : {}),
      connectorPlugins: plugins(version),
      replicas,
      labelSelector: Object.entries(matchLabels)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    },
    STRIMZI_MANAGER,
  );
}
