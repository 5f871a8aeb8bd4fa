// CFK resources shaped after the small KRaft cluster of Confluent's
// clusterlink-bidirectional/kraft/basic example and the CFK 3.3.0 CRDs (packages/operator-crds):
// the spec Confluent's example applies, the status CFK writes, and the StatefulSets, pods and
// PVCs it creates (`app=<CR>`, `platform.confluent.io/type`, `confluent-platform=true`).
import { CREATED, PodOptions, asServed, pod, pvc } from './core';

export const CFK_API = 'platform.confluent.io/v1beta1';
const OPERATOR = 'manager';
export const NS = 'destination';
const IMAGE = 'confluentinc/cp-server:7.9.0';
const INIT = 'confluentinc/confluent-init-container:2.10.0';

export interface CfkCrOptions {
  kind: string;
  name: string;
  namespace?: string;
  replicas?: number;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  spec?: Record<string, any>;
  /** `false` for a CR CFK has not reconciled yet; otherwise fields merged into the status. */
  status?: false | Record<string, any>;
  phase?: string;
  ready?: number;
  conditions?: Record<string, any>[];
}

/** The conditions CFK 3.x writes on a healthy cluster CR (CFK's docs). */
export function runningConditions(since = CREATED): Record<string, any>[] {
  const c = (
    type: string,
    status: string,
    reason: string,
    message: string,
  ) => ({
    lastProbeTime: since,
    lastTransitionTime: since,
    message,
    reason,
    status,
    type: `platform.confluent.io/${type}`,
  });
  return [
    c(
      'statefulset-available',
      'True',
      'MinimumReplicasAvailable',
      'Deployment has minimum availability.',
    ),
    c(
      'resources-ready',
      'True',
      'KubernetesResourcesReady',
      'Kubernetes resources ready.',
    ),
    c(
      'rolling',
      'False',
      'ClusterNotRolling',
      'Cluster is not rolling, ignore=false',
    ),
    c(
      'garbage-collecting',
      'False',
      'ClusterNotShrunk',
      'Cluster is not being garbage collected',
    ),
    c('cluster-ready', 'True', 'ClusterReady', 'Cluster is ready.'),
  ];
}

export function cfkCr(o: CfkCrOptions): Record<string, any> {
  const namespace = o.namespace ?? NS;
  const replicas = o.replicas ?? 3;
  const generation = o.generation ?? 1;
  const status =
    o.status === false
      ? undefined
      : {
          clusterName: o.name,
          clusterNamespace: namespace,
          conditions: o.conditions ?? runningConditions(),
          currentReplicas: replicas,
          observedGeneration: generation,
          operatorVersion: 'v0.1193.34',
          phase: o.phase ?? 'RUNNING',
          readyReplicas: o.ready ?? replicas,
          replicas,
          selector: `app=${
            o.name
          },clusterId=${namespace},confluent-platform=true,type=${o.kind.toLowerCase()}`,
          ...o.status,
        };
  return asServed(
    {
      apiVersion: CFK_API,
      kind: o.kind,
      metadata: {
        name: o.name,
        namespace,
        uid: `uid-${o.kind}-${o.name}`,
        generation,
        creationTimestamp: CREATED,
        labels: o.labels ?? {},
        annotations: o.annotations ?? {},
        finalizers: [
          `${o.kind.toLowerCase()}.finalizers.platform.confluent.io`,
        ],
      },
      spec: { replicas, image: { application: IMAGE, init: INIT }, ...o.spec },
      ...(status ? { status } : {}),
    },
    OPERATOR,
  );
}

export function kraftController(
  o: Partial<CfkCrOptions> = {},
): Record<string, any> {
  return cfkCr({
    kind: 'KRaftController',
    name: 'kraftcontroller',
    ...o,
    spec: { dataVolumeCapacity: '10Gi', ...o.spec },
    status:
      o.status === false
        ? false
        : {
            clusterID: 'nRCpSSpBRuKwoPGLNgb2sg',
            controllerQuorumVoters: [0, 1, 2].map(nodeId => ({
              nodeId: 9990 + nodeId,
              brokerEndpoint: `kraftcontroller-${nodeId}.kraftcontroller.${
                o.namespace ?? NS
              }.svc.cluster.local:9074`,
            })),
            ...o.status,
          },
  });
}

/**
 * The Kafka CR of the example: KRaft, `passwordEncoder`, the embedded REST API. Its status holds
 * what CFK writes, client snippets and internal secrets included, so the projection can prove
 * it drops them.
 */
export function cfkKafka(o: Partial<CfkCrOptions> = {}): Record<string, any> {
  const namespace = o.namespace ?? NS;
  const name = o.name ?? 'kafka';
  const host = `${name}.${namespace}.svc.cluster.local`;
  return cfkCr({
    kind: 'Kafka',
    name,
    ...o,
    spec: {
      dataVolumeCapacity: '10Gi',
      dependencies: {
        kRaftController: { clusterRef: { name: 'kraftcontroller' } },
      },
      passwordEncoder: { secretRef: 'password-encoder-secret' },
      listeners: {
        internal: {
          authentication: {
            type: 'plain',
            jaasConfig: { secretRef: 'credential' },
          },
          tls: { enabled: true },
        },
        external: {
          authentication: {
            type: 'mtls',
            principalMappingRules: ['RULE:.*CN=([a-zA-Z0-9.-]*).*$/$1/'],
          },
          tls: { enabled: true },
          externalAccess: {
            type: 'loadBalancer',
            loadBalancer: { domain: 'example.com' },
          },
        },
      },
      authorization: { type: 'rbac', superUsers: ['User:kafka'] },
      services: { kafkaRest: { authentication: { type: 'bearer' } } },
      ...o.spec,
    },
    status:
      o.status === false
        ? false
        : {
            authorizationType: 'rbac',
            brokerIdOffset: 0,
            clusterID: 'Dk2vLxC8QBWm4mD5yQpq3g',
            currentClusterVersion: '7.9.0',
            internalSecrets: ['kafka-apikeys', 'password-encoder-secret'],
            internalTopicNames: [
              '_confluent-metadata-auth',
              '_confluent-license',
            ],
            arbitraryData: { 'kafka.client.secret': 'do-not-keep' },
            listeners: {
              internal: {
                authenticationType: 'plain',
                client: `bootstrap.servers=${host}:9071\nsecurity.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="kafka" password="kafka-secret";`,
                internalEndpoint: `${host}:9071`,
                tls: true,
              },
              external: {
                advertisedExternalEndpoints: [0, 1, 2].map(
                  i => `${name}-b${i}.example.com:9092`,
                ),
                authenticationType: 'mtls',
                client: `bootstrap.servers=${name}.example.com:9092\nsecurity.protocol=SSL\nssl.keystore.password=keystore-secret`,
                externalAccessType: 'loadBalancer',
                externalEndpoint: `${name}.example.com:9092`,
                internalEndpoint: `${host}:9092`,
                tls: true,
              },
              replication: {
                authenticationType: 'mtls',
                internalEndpoint: `${host}:9072`,
                tls: true,
              },
            },
            minISR: 2,
            replicationFactor: 3,
            services: {
              'kafka-rest': {
                internalEndpoint: `https://${host}:8090`,
                tls: true,
              },
            },
            ...o.status,
          },
  });
}

/** A component (SchemaRegistry, Connect, …) depending on the Kafka through `dependencies.kafka`. */
export function cfkComponent(
  kind: string,
  name: string,
  bootstrapEndpoint: string,
  o: Partial<CfkCrOptions> = {},
): Record<string, any> {
  return cfkCr({
    kind,
    name,
    replicas: 1,
    ...o,
    spec: {
      dependencies: {
        kafka: {
          bootstrapEndpoint,
          authentication: {
            type: 'plain',
            jaasConfig: { secretRef: 'credential' },
          },
          tls: { enabled: true },
        },
      },
      ...o.spec,
    },
    status:
      o.status === false
        ? false
        : {
            kafka: { bootstrapEndpoint },
            restConfig: {
              internalEndpoint: `https://${name}.${
                o.namespace ?? NS
              }.svc.cluster.local:8083`,
            },
            ...o.status,
          },
  });
}

export function statefulSet(o: {
  name: string;
  type: string;
  namespace?: string;
  replicas?: number;
  updateRevision?: string;
  currentRevision?: string;
  ready?: number;
  owner: string;
}): Record<string, any> {
  const namespace = o.namespace ?? NS;
  const replicas = o.replicas ?? 3;
  const update = o.updateRevision ?? `${o.name}-7d9f8c6b5`;
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: {
      name: o.name,
      namespace,
      generation: 1,
      creationTimestamp: CREATED,
      labels: {
        app: o.name,
        clusterId: namespace,
        'confluent-platform': 'true',
        type: o.type,
      },
      ownerReferences: [
        {
          apiVersion: CFK_API,
          kind: o.owner,
          name: o.name,
          uid: `uid-${o.owner}-${o.name}`,
          controller: true,
        },
      ],
    },
    spec: {
      replicas,
      serviceName: o.name,
      selector: {
        matchLabels: {
          app: o.name,
          clusterId: namespace,
          'confluent-platform': 'true',
          type: o.type,
        },
      },
      podManagementPolicy: 'Parallel',
      updateStrategy: { type: 'OnDelete' },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data0' },
          spec: { resources: { requests: { storage: '10Gi' } } },
        },
      ],
    },
    status: {
      observedGeneration: 1,
      replicas,
      readyReplicas: o.ready ?? replicas,
      currentReplicas: replicas,
      updatedReplicas:
        o.currentRevision && o.currentRevision !== update ? 0 : replicas,
      currentRevision: o.currentRevision ?? update,
      updateRevision: update,
      availableReplicas: o.ready ?? replicas,
    },
  };
}

export interface CfkPodOptions extends Partial<PodOptions> {
  revision?: string;
}

/** Pod `<cr>-<ordinal>` of a CFK cluster CR, with its PVC `data0-<cr>-<ordinal>`. */
export function cfkPod(
  cr: string,
  type: string,
  ordinal: number,
  o: CfkPodOptions = {},
): Record<string, any> {
  const namespace = o.namespace ?? NS;
  const name = `${cr}-${ordinal}`;
  return pod({
    namespace,
    name,
    labels: {
      app: cr,
      clusterId: namespace,
      'confluent-platform': 'true',
      'controller-revision-hash': o.revision ?? `${cr}-7d9f8c6b5`,
      'platform.confluent.io/type': type,
      'statefulset.kubernetes.io/pod-name': name,
      type,
    },
    owner: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: cr },
    container: type === 'kraftcontroller' ? 'kraftcontroller' : type,
    image: IMAGE,
    claims: [`data0-${name}`],
    ...o,
  });
}

/** Pods and PVCs of a CFK cluster CR; `pods` overrides options per ordinal. */
export function cfkPodsAndPvcs(
  cr: string,
  type: string,
  count: number,
  pods: Record<number, CfkPodOptions> = {},
  pvcPhases: Record<number, 'Bound' | 'Pending' | 'Lost'> = {},
  namespace = NS,
): Record<string, any>[] {
  const objects: Record<string, any>[] = [];
  for (let i = 0; i < count; i++) {
    objects.push(cfkPod(cr, type, i, { namespace, ...pods[i] }));
    objects.push(
      pvc({ namespace, name: `data0-${cr}-${i}`, phase: pvcPhases[i] }),
    );
  }
  return objects;
}

/**
 * A healthy CFK KRaft environment: KRaftController ×3 and Kafka ×3 with their StatefulSets,
 * pods and PVCs; KafkaRestClass `dest-rest`; KafkaTopic `reverse-topic` through it.
 */
export function healthyCfkEnvironment(): Record<string, any>[] {
  return [
    kraftController(),
    statefulSet({
      name: 'kraftcontroller',
      type: 'kraftcontroller',
      owner: 'KRaftController',
    }),
    ...cfkPodsAndPvcs('kraftcontroller', 'kraftcontroller', 3),
    cfkKafka(),
    statefulSet({ name: 'kafka', type: 'kafka', owner: 'Kafka' }),
    ...cfkPodsAndPvcs('kafka', 'kafka', 3),
    restClass('dest-rest', { kafkaClusterRef: { name: 'kafka' } }),
    cfkTopic('reverse-topic', { kafkaRestClassRef: { name: 'dest-rest' } }),
  ];
}

export function restClass(
  name: string,
  spec: Record<string, any>,
  namespace = NS,
): Record<string, any> {
  return asServed(
    {
      apiVersion: CFK_API,
      kind: 'KafkaRestClass',
      metadata: {
        name,
        namespace,
        uid: `uid-krc-${name}`,
        generation: 1,
        creationTimestamp: CREATED,
      },
      spec,
      status: {
        endpoint: `https://kafka.${namespace}.svc.cluster.local:8090`,
        kafkaClusterID: 'Dk2vLxC8QBWm4mD5yQpq3g',
      },
    },
    OPERATOR,
  );
}

/** A KafkaTopic with the status CFK writes once the topic exists (CFK's docs). */
export function cfkTopic(
  name: string,
  target: Record<string, any>,
  o: {
    namespace?: string;
    labels?: Record<string, string>;
    status?: false | Record<string, any>;
    generation?: number;
  } = {},
): Record<string, any> {
  const namespace = o.namespace ?? NS;
  return asServed(
    {
      apiVersion: CFK_API,
      kind: 'KafkaTopic',
      metadata: {
        name,
        namespace,
        uid: `uid-kt-${name}`,
        generation: o.generation ?? 1,
        creationTimestamp: CREATED,
        labels: o.labels ?? {},
      },
      spec: {
        replicas: 3,
        partitionCount: 3,
        configs: { 'cleanup.policy': 'delete', 'retention.ms': '604800000' },
        ...target,
      },
      ...(o.status === false
        ? {}
        : {
            status: {
              appState: 'Created',
              conditions: [
                {
                  lastProbeTime: CREATED,
                  lastTransitionTime: CREATED,
                  message: 'Application is created',
                  reason: 'Created',
                  status: 'True',
                  type: 'platform.confluent.io/app-ready',
                },
              ],
              kafkaCluster: `${namespace}/kafka`,
              kafkaClusterID: 'Dk2vLxC8QBWm4mD5yQpq3g',
              kafkaRestEndpoint: `https://kafka.${namespace}.svc.cluster.local:8090`,
              observedGeneration: o.generation ?? 1,
              partitionCount: 3,
              replicas: 3,
              state: 'CREATED',
              ...o.status,
            },
          }),
    },
    OPERATOR,
  );
}
