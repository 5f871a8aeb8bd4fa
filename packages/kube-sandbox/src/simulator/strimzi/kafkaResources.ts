import {
  asObject,
  asObjectList,
  isObject,
  JsonObject,
  KubeObject,
} from '../../types';
import { ownerRef } from '../context';
import { hexHash, safeHash } from '../hash';
import { withRevision } from './podsets';
import {
  kafkaImage,
  selectorLabels,
  StrimziFlavour,
  strimziLabels,
} from './names';

const obj = asObject;
const list = asObjectList;

/** A KafkaNodePool with the node IDs Strimzi assigned to it. */
export interface PoolNodes {
  pool: Readonly<KubeObject>;
  name: string;
  roles: string[];
  ids: number[];
}

/** The volumes of a node pool's storage: JBOD volumes `data-<id>`, a single claim `data`. */
export function storageVolumes(pool: Readonly<KubeObject>) {
  const storage = obj(obj(pool.spec).storage);
  const volumes = storage.type === 'jbod' ? list(storage.volumes) : [storage];
  return volumes.map(v => ({
    name: storage.type === 'jbod' ? `data-${v.id ?? 0}` : 'data',
    persistent: v.type === 'persistent-claim',
    size: v.size,
    storageClass: v.class,
    deleteClaim: v.deleteClaim === true,
    mountPath:
      storage.type === 'jbod'
        ? `/var/lib/kafka/data-${v.id ?? 0}`
        : '/var/lib/kafka/data',
  }));
}

/** Kafka's listener ports as Strimzi names them (`tcp-<name>`), after the control plane and replication ports. */
function ports(
  kafka: Readonly<KubeObject>,
  broker: boolean,
  controller: boolean,
) {
  const listeners = list(obj(obj(kafka.spec).kafka).listeners);
  return [
    ...(controller
      ? [{ name: 'tcp-ctrlplane', containerPort: 9090, protocol: 'TCP' }]
      : []),
    ...(broker
      ? [
          { name: 'tcp-replication', containerPort: 9091, protocol: 'TCP' },
          ...listeners.map(l => ({
            name: `tcp-${l.name}`,
            containerPort: Number(l.port),
            protocol: 'TCP',
          })),
        ]
      : []),
    { name: 'tcp-kafkaagent', containerPort: 8443, protocol: 'TCP' },
  ];
}

/** The pod definition of one Kafka node, as Strimzi puts it in the pool's StrimziPodSet. */
export function nodePod(
  kafka: Readonly<KubeObject>,
  flavour: StrimziFlavour,
  pool: PoolNodes,
  nodeId: number,
): KubeObject {
  const cluster = String(kafka.metadata.name);
  const kafkaSpec = obj(obj(kafka.spec).kafka);
  const poolSpec = obj(pool.pool.spec);
  const name = `${cluster}-${pool.name}-${nodeId}`;
  const version = String(kafkaSpec.version ?? flavour.kafkaVersion);
  const broker = pool.roles.includes('broker');
  const controller = pool.roles.includes('controller');
  const annotationsOf = (spec: JsonObject) =>
    obj(obj(obj(obj(spec.template).pod).metadata).annotations) as Record<
      string,
      string
    >;
  // The node pool's pod template wins over the Kafka's, key by key.
  const template = { ...annotationsOf(kafkaSpec), ...annotationsOf(poolSpec) };
  const configHash = hexHash(
    JSON.stringify([
      kafkaSpec.config,
      kafkaSpec.listeners,
      kafkaSpec.authorization,
      version,
      pool.roles,
    ]),
    8,
  );
  const volumes = storageVolumes(pool.pool);
  const resources = poolSpec.resources ?? kafkaSpec.resources ?? {};
  return withRevision({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      labels: {
        ...strimziLabels(kafka, cluster, 'Kafka', `${cluster}-kafka`, 'kafka'),
        'app.kubernetes.io/name': 'kafka',
        'strimzi.io/broker-role': String(broker),
        'strimzi.io/controller': 'strimzipodset',
        'strimzi.io/controller-name': `${cluster}-${pool.name}`,
        'strimzi.io/controller-role': String(controller),
        'strimzi.io/pod-name': name,
        'strimzi.io/pool-name': pool.name,
      },
      annotations: {
        ...template,
        'strimzi.io/broker-configuration-hash': configHash,
        'strimzi.io/clients-ca-cert-generation': '0',
        'strimzi.io/cluster-ca-cert-generation': '0',
        'strimzi.io/cluster-ca-key-generation': '0',
        'strimzi.io/kafka-version': version,
      },
    },
    spec: {
      hostname: name,
      subdomain: `${cluster}-kafka-brokers`,
      containers: [
        {
          name: 'kafka',
          image: String(kafkaSpec.image ?? kafkaImage(flavour, version)),
          command: ['/opt/kafka/kafka_run.sh'],
          env: [
            { name: 'KAFKA_METRICS_ENABLED', value: 'false' },
            { name: 'STRIMZI_KAFKA_GC_LOG_ENABLED', value: 'false' },
            { name: 'KAFKA_HEAP_OPTS', value: '-Xms128M' },
          ],
          ports: ports(kafka, broker, controller),
          resources,
          readinessProbe: {
            httpGet: { path: '/v1/ready/', port: 8443, scheme: 'HTTPS' },
            initialDelaySeconds: 15,
            timeoutSeconds: 5,
          },
          livenessProbe: {
            exec: { command: ['/opt/kafka/kafka_liveness.sh'] },
            initialDelaySeconds: 15,
            timeoutSeconds: 5,
          },
          volumeMounts: [
            ...volumes.map(v => ({ name: v.name, mountPath: v.mountPath })),
            { name: 'strimzi-tmp', mountPath: '/tmp' },
            { name: 'cluster-ca', mountPath: '/opt/kafka/cluster-ca-certs' },
            { name: 'broker-certs', mountPath: '/opt/kafka/broker-certs' },
            { name: 'client-ca-cert', mountPath: '/opt/kafka/client-ca-certs' },
            {
              name: 'kafka-metrics-and-logging',
              mountPath: '/opt/kafka/custom-config/',
            },
          ],
        },
      ],
      restartPolicy: 'Always',
      serviceAccountName: `${cluster}-kafka`,
      terminationGracePeriodSeconds: 30,
      volumes: [
        ...volumes.map(v =>
          v.persistent
            ? {
                name: v.name,
                persistentVolumeClaim: { claimName: `${v.name}-${name}` },
              }
            : { name: v.name, emptyDir: {} },
        ),
        {
          name: 'strimzi-tmp',
          emptyDir: { medium: 'Memory', sizeLimit: '5Mi' },
        },
        {
          name: 'cluster-ca',
          secret: {
            secretName: `${cluster}-cluster-ca-cert`,
            defaultMode: 292,
          },
        },
        {
          name: 'broker-certs',
          secret: { secretName: name, defaultMode: 292 },
        },
        {
          name: 'client-ca-cert',
          secret: {
            secretName: `${cluster}-clients-ca-cert`,
            defaultMode: 292,
          },
        },
        { name: 'kafka-metrics-and-logging', configMap: { name } },
      ],
    },
  });
}

/** The PVCs Strimzi creates for a node (`data-<id>-<pod>`, Strimzi's docs). */
export function nodeClaims(
  kafka: Readonly<KubeObject>,
  pool: PoolNodes,
  nodeId: number,
  defaultClass: string,
): KubeObject[] {
  const cluster = String(kafka.metadata.name);
  const pod = `${cluster}-${pool.name}-${nodeId}`;
  return storageVolumes(pool.pool)
    .filter(v => v.persistent)
    .map(v => ({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: `${v.name}-${pod}`,
        namespace: kafka.metadata.namespace,
        labels: {
          ...strimziLabels(
            kafka,
            cluster,
            'Kafka',
            `${cluster}-kafka`,
            'kafka',
          ),
          'strimzi.io/pool-name': pool.name,
        },
        annotations: { 'strimzi.io/delete-claim': String(v.deleteClaim) },
        ...(v.deleteClaim ? { ownerReferences: [ownerRef(kafka)] } : {}),
      },
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: String(v.size ?? '1Gi') } },
        storageClassName: String(v.storageClass ?? defaultClass),
        volumeMode: 'Filesystem',
      },
    }));
}

/** Strimzi's port name of a listener on Services: the backwards-compatible ones, else `tcp-<name>`. */
function servicePortName(listener: JsonObject): string {
  if (listener.name === 'external' && Number(listener.port) === 9094)
    return 'tcp-external';
  return `tcp-${listener.name}`;
}

/**
 * A `loadbalancer` listener's Services (Strimzi's ListenersUtils): the bootstrap
 * `<c>-kafka-<listener>-bootstrap` (unless `createBootstrapService: false`) and one per broker,
 * `<c>-<pool>-<listener>-<id>` (`<c>-<pool>-<id>` for the listener `external` on 9094), each of
 * type LoadBalancer.
 */
function loadBalancers(
  kafka: Readonly<KubeObject>,
  listener: JsonObject,
  brokers: PoolNodes[],
  service: (name: string, spec: JsonObject) => KubeObject,
): KubeObject[] {
  const cluster = String(kafka.metadata.name);
  const selector = selectorLabels(cluster, 'Kafka', `${cluster}-kafka`);
  const port = Number(listener.port);
  const spec = (extra: JsonObject): JsonObject => ({
    type: 'LoadBalancer',
    externalTrafficPolicy: 'Cluster',
    ports: [
      {
        name: servicePortName(listener),
        port,
        protocol: 'TCP',
        targetPort: servicePortName(listener),
      },
    ],
    selector: { ...selector, ...extra },
  });
  const bootstrap =
    obj(listener.configuration).createBootstrapService !== false;
  return [
    ...(bootstrap
      ? [
          service(
            bootstrapServiceName(cluster, listener),
            spec({ 'strimzi.io/broker-role': 'true' }),
          ),
        ]
      : []),
    ...brokers.flatMap(pool =>
      pool.ids.map(id =>
        service(
          perBrokerServiceName(cluster, pool.name, id, listener),
          spec({
            'strimzi.io/pool-name': pool.name,
            'strimzi.io/pod-name': `${cluster}-${pool.name}-${id}`,
          }),
        ),
      ),
    ),
  ];
}

/** `<c>-kafka-bootstrap` for internal listeners, `<c>-kafka-<listener>-bootstrap` for the others. */
function bootstrapServiceName(cluster: string, listener: JsonObject): string {
  return listener.type === 'internal'
    ? `${cluster}-kafka-bootstrap`
    : `${cluster}-kafka-${listener.name}-bootstrap`;
}

function perBrokerServiceName(
  cluster: string,
  pool: string,
  id: number,
  listener: JsonObject,
): string {
  return listener.name === 'external' && Number(listener.port) === 9094
    ? `${cluster}-${pool}-${id}`
    : `${cluster}-${pool}-${listener.name}-${id}`;
}

/**
 * `<c>-kafka-bootstrap` (brokers' internal listeners), the headless `<c>-kafka-brokers`, and the
 * Services of `loadbalancer` listeners.
 */
export function kafkaServices(
  kafka: Readonly<KubeObject>,
  nodes: PoolNodes[] = [],
): KubeObject[] {
  const cluster = String(kafka.metadata.name);
  const all = list(obj(obj(kafka.spec).kafka).listeners);
  const listeners = all.filter(
    l => l.type === 'internal' || l.type === 'cluster-ip',
  );
  const labels = strimziLabels(
    kafka,
    cluster,
    'Kafka',
    `${cluster}-kafka`,
    'kafka',
  );
  const selector = selectorLabels(cluster, 'Kafka', `${cluster}-kafka`);
  const listenerPorts = listeners.map(l => ({
    name: `tcp-${l.name}`,
    port: Number(l.port),
    protocol: 'TCP',
    targetPort: Number(l.port),
  }));
  const service = (name: string, spec: JsonObject): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace: kafka.metadata.namespace,
      labels,
      ownerReferences: [ownerRef(kafka)],
    },
    spec,
  });
  const brokers = nodes.filter(n => n.roles.includes('broker'));
  return [
    service(`${cluster}-kafka-bootstrap`, {
      type: 'ClusterIP',
      ports: [
        {
          name: 'tcp-replication',
          port: 9091,
          protocol: 'TCP',
          targetPort: 9091,
        },
        ...listenerPorts,
      ],
      selector: { ...selector, 'strimzi.io/broker-role': 'true' },
    }),
    service(`${cluster}-kafka-brokers`, {
      type: 'ClusterIP',
      clusterIP: 'None',
      publishNotReadyAddresses: true,
      ports: [
        {
          name: 'tcp-ctrlplane',
          port: 9090,
          protocol: 'TCP',
          targetPort: 9090,
        },
        {
          name: 'tcp-replication',
          port: 9091,
          protocol: 'TCP',
          targetPort: 9091,
        },
        ...listenerPorts,
      ],
      selector,
    }),
    ...all
      .filter(l => l.type === 'loadbalancer')
      .flatMap(l => loadBalancers(kafka, l, brokers, service)),
  ];
}

/** The first address a load balancer's Service has in status (its hostname, else its IP). */
function ingressAddress(service: Readonly<KubeObject> | undefined) {
  const ingress = list(obj(obj(service?.status).loadBalancer).ingress)[0];
  const address = ingress?.hostname ?? ingress?.ip;
  return typeof address === 'string' ? address : undefined;
}

/**
 * The listeners in the Kafka status (Strimzi's KafkaListenersReconciler): internal and
 * `cluster-ip` ones at their Service's DNS name, `loadbalancer` ones at their load balancer's
 * address (the bootstrap Service's, or every broker's without one) on the listener's port, and
 * `ingress` ones at `configuration.bootstrap.host` on 443. `v1beta2` adds each one's `type`.
 * Undefined while a load balancer has no address yet (Strimzi waits for it).
 */
export function listenerStatus(
  kafka: Readonly<KubeObject>,
  flavour: StrimziFlavour,
  nodes: PoolNodes[],
  serviceOf: (name: string) => Readonly<KubeObject> | undefined,
): JsonObject[] | undefined {
  const cluster = String(kafka.metadata.name);
  const namespace = String(kafka.metadata.namespace);
  const brokers = nodes.filter(n => n.roles.includes('broker'));
  const statuses: JsonObject[] = [];
  for (const l of list(obj(obj(kafka.spec).kafka).listeners)) {
    let addresses: Array<{ host: string; port: number }>;
    if (l.type === 'loadbalancer') {
      const names =
        obj(l.configuration).createBootstrapService === false
          ? brokers.flatMap(p =>
              p.ids.map(id => perBrokerServiceName(cluster, p.name, id, l)),
            )
          : [bootstrapServiceName(cluster, l)];
      const hosts = names.map(n => ingressAddress(serviceOf(n)));
      if (hosts.some(h => h === undefined)) return undefined;
      addresses = hosts.map(host => ({
        host: String(host),
        port: Number(l.port),
      }));
    } else if (
      l.type === 'ingress' &&
      typeof obj(obj(l.configuration).bootstrap).host === 'string'
    ) {
      addresses = [
        { host: String(obj(obj(l.configuration).bootstrap).host), port: 443 },
      ];
    } else {
      addresses = [
        {
          host: `${bootstrapServiceName(cluster, l)}.${namespace}.svc`,
          port: Number(l.port),
        },
      ];
    }
    statuses.push({
      ...(flavour.v1beta2 ? { type: l.name } : {}),
      name: l.name,
      addresses,
      bootstrapServers: addresses.map(a => `${a.host}:${a.port}`).join(','),
    });
  }
  return statuses;
}

/**
 * The entity operator's pod: Strimzi runs it as the Deployment `<c>-entity-operator`, which the
 * sandbox does not serve, so its pod stands alone with the owner reference its ReplicaSet would be.
 */
export function entityOperatorPod(
  kafka: Readonly<KubeObject>,
  flavour: StrimziFlavour,
): KubeObject {
  const cluster = String(kafka.metadata.name);
  const eo = obj(obj(kafka.spec).entityOperator);
  const hash = safeHash(`${cluster}/entity-operator`, 10);
  const replicaSet = `${cluster}-entity-operator-${hash}`;
  const image = `quay.io/strimzi/operator:${flavour.operatorVersion}`;
  const container = (name: string, port: number) => ({
    name,
    image,
    args: [`/opt/strimzi/bin/${name.replace('-operator', '_operator')}_run.sh`],
    ports: [{ name: 'healthcheck', containerPort: port, protocol: 'TCP' }],
    readinessProbe: {
      httpGet: { path: '/ready', port: 'healthcheck' },
      initialDelaySeconds: 10,
      timeoutSeconds: 5,
    },
    livenessProbe: {
      httpGet: { path: '/healthy', port: 'healthcheck' },
      initialDelaySeconds: 10,
      timeoutSeconds: 5,
    },
    resources: {},
  });
  const uid = hexHash(`${kafka.metadata.uid}/${replicaSet}`, 32);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${replicaSet}-${safeHash(String(kafka.metadata.uid), 5)}`,
      namespace: kafka.metadata.namespace,
      labels: {
        ...strimziLabels(
          kafka,
          cluster,
          'Kafka',
          `${cluster}-entity-operator`,
          'entity-operator',
        ),
        'pod-template-hash': hash,
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: replicaSet,
          uid: `${uid.slice(0, 8)}-${uid.slice(8, 12)}-${uid.slice(
            12,
            16,
          )}-${uid.slice(16, 20)}-${uid.slice(20)}`,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      containers: [
        ...(isObject(eo.topicOperator)
          ? [container('topic-operator', 8080)]
          : []),
        ...(isObject(eo.userOperator)
          ? [container('user-operator', 8081)]
          : []),
      ],
      serviceAccountName: `${cluster}-entity-operator`,
      terminationGracePeriodSeconds: 30,
    },
  };
}
