import { InputError } from '@backstage/errors';
import { externalSystems } from '../../common/clone/connectors';
import { copy, keyedStrings, smallerQuantity } from '../../common/clone/json';
import {
  EPHEMERAL,
  ephemeralResources,
  singleReplicaConfig,
} from '../../common/clone/replication';
import {
  MirrorContext,
  MirrorResult,
  OperatorCloneRules,
  SourceAddress,
  SourceObject,
} from '../../common/clone/types';
import {
  RenderedObject,
  RequiredSecret,
} from '../../common/render/environment';
import {
  STRIMZI_ANNOTATIONS,
  STRIMZI_LABELS,
  STRIMZI_NAMES,
  strimziFacts,
} from '../facts';

/*
 * Cloning Strimzi resources (Strimzi 0.51 and 1.2 CRDs; KafkaMirrorMaker2 after Strimzi's
 * packaging/examples/mirror-maker/kafka-mirror-maker-2-custom-replication-policy.yaml).
 */

type Spec = Record<string, any>;

// Listener types reachable from inside the Kubernetes cluster only, and from outside it.
const INTERNAL_TYPES = ['internal', 'cluster-ip'];
const EXTERNAL_TYPES = ['route', 'loadbalancer', 'nodeport', 'ingress'];

// Authentication a MirrorMaker 2 client can do against a listener, best first.
const CLIENT_AUTH = ['tls', 'scram-sha-512'];

/** The KafkaUser of the source a clone's mirror reads as, unless `data.sourceUser` names one. */
export const DEFAULT_SOURCE_USER = 'clone-reader';

const IDENTITY_POLICY =
  'org.apache.kafka.connect.mirror.IdentityReplicationPolicy';

function withSpec(object: RenderedObject, fn: (spec: Spec) => void) {
  const out = copy(object);
  fn(out.spec as Spec);
  return out;
}

function shrinkStorage(storage: Spec | undefined, cap: string) {
  if (!storage) return;
  if (storage.type === 'jbod' && Array.isArray(storage.volumes)) {
    for (const volume of storage.volumes) {
      if (volume?.size) volume.size = smallerQuantity(volume.size, cap);
    }
  } else if (storage.size) {
    storage.size = smallerQuantity(storage.size, cap);
  }
}

function dropHeap(jvmOptions: Spec | undefined) {
  // A heap sized for production would not fit the smaller container; without -Xms / -Xmx
  // Strimzi sizes the heap from the container's memory limit.
  if (jvmOptions) {
    delete jvmOptions['-Xms'];
    delete jvmOptions['-Xmx'];
  }
}

function ephemeral(object: RenderedObject): RenderedObject {
  return withSpec(object, spec => {
    switch (object.kind) {
      case 'KafkaNodePool': {
        const broker = (spec.roles ?? []).includes('broker');
        spec.replicas = Math.min(spec.replicas ?? 1, EPHEMERAL.replicas);
        shrinkStorage(
          spec.storage,
          broker ? EPHEMERAL.storage : EPHEMERAL.smallStorage,
        );
        if (spec.resources)
          spec.resources = ephemeralResources(broker ? 'broker' : 'component');
        dropHeap(spec.jvmOptions);
        break;
      }
      case 'Kafka': {
        const kafka = spec.kafka ?? {};
        if (kafka.replicas !== undefined)
          kafka.replicas = Math.min(kafka.replicas, EPHEMERAL.replicas);
        kafka.config = singleReplicaConfig(kafka.config, true);
        shrinkStorage(kafka.storage, EPHEMERAL.storage);
        if (kafka.resources) kafka.resources = ephemeralResources('broker');
        dropHeap(kafka.jvmOptions);
        if (spec.zookeeper?.replicas !== undefined) {
          spec.zookeeper.replicas = EPHEMERAL.replicas;
          shrinkStorage(spec.zookeeper.storage, EPHEMERAL.smallStorage);
        }
        break;
      }
      case 'KafkaTopic':
        if (typeof spec.replicas === 'number' && spec.replicas > 1)
          spec.replicas = EPHEMERAL.replicas;
        if (spec.config) spec.config = singleReplicaConfig(spec.config, false);
        break;
      case 'KafkaConnect':
      case 'KafkaBridge':
        if (spec.replicas !== undefined)
          spec.replicas = Math.min(spec.replicas, EPHEMERAL.replicas);
        if (spec.config) spec.config = singleReplicaConfig(spec.config, false);
        if (spec.resources) spec.resources = ephemeralResources('component');
        dropHeap(spec.jvmOptions);
        break;
      default:
    }
  });
}

function dropExternalAccess(object: RenderedObject): RenderedObject {
  if (object.kind !== 'Kafka') return object;
  return withSpec(object, spec => {
    const listeners = spec.kafka?.listeners;
    if (Array.isArray(listeners)) {
      spec.kafka.listeners = listeners.filter(l =>
        INTERNAL_TYPES.includes(l?.type),
      );
    }
  });
}

function keepConnector(object: RenderedObject) {
  const out = withSpec(object, spec => {
    delete spec.pause;
    spec.state = 'stopped';
  });
  const systems = externalSystems((object.spec as Spec).config);
  return {
    object: out,
    warnings: [
      `KafkaConnector ${
        object.metadata.name
      } is cloned stopped (spec.state: stopped)${
        systems.length > 0
          ? `; its configuration reaches ${systems.join(', ')}`
          : ''
      }: point it at systems the clone may use before you set state: running`,
    ],
  };
}

interface Listener {
  name: string;
  port: number;
  type: string;
  tls: boolean;
  authentication?: { type?: string };
}

function listenersOf(kafka: { spec?: Spec }): Listener[] {
  const listeners = kafka.spec?.kafka?.listeners;
  return Array.isArray(listeners) ? listeners : [];
}

function rank(l: Listener): number {
  const auth = l.authentication?.type ?? 'none';
  const a = CLIENT_AUTH.indexOf(auth);
  return (a === -1 ? CLIENT_AUTH.length : a) * 2 + (l.tls ? 0 : 1);
}

/** The listeners a client of ours can use, best first: TLS with mTLS, then SCRAM, then none. */
function usable(kafka: { spec?: Spec }, types: string[]): Listener[] {
  const authorized = Boolean(kafka.spec?.kafka?.authorization);
  return listenersOf(kafka)
    .filter(l => types.includes(l.type))
    .filter(l => {
      const auth = l.authentication?.type;
      // Without authentication a cluster with authorization denies the mirror (ANONYMOUS).
      return auth ? CLIENT_AUTH.includes(auth) : !authorized;
    })
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

function describe(kafka: { spec?: Spec }): string {
  return (
    listenersOf(kafka)
      .map(
        l =>
          `${l.name} (${l.type}, ${l.tls ? 'TLS' : 'no TLS'}, ${
            l.authentication?.type ?? 'no authentication'
          })`,
      )
      .join('; ') || 'no listeners'
  );
}

function sourceAddress(
  kafka: SourceObject,
  context: MirrorContext,
): SourceAddress {
  const { spec } = context;
  const name = kafka.metadata.name;
  const ns = kafka.metadata.namespace ?? spec.source.namespace;
  if (context.sameKubernetesCluster) {
    const [l] = usable(kafka, INTERNAL_TYPES);
    if (l) {
      return {
        bootstrap: `${STRIMZI_NAMES.kafkaServices(name)[0]}.${ns}.svc:${
          l.port
        }`,
        listener: l.name,
        tls: l.tls,
        authentication: l.authentication?.type ?? 'none',
      };
    }
  } else {
    const statuses: { name?: string; bootstrapServers?: string }[] =
      (kafka.status?.listeners as any[]) ?? [];
    for (const l of usable(kafka, EXTERNAL_TYPES)) {
      const address = statuses.find(s => s.name === l.name)?.bootstrapServers;
      if (address) {
        return {
          bootstrap: address,
          listener: l.name,
          tls: l.tls,
          authentication: l.authentication?.type ?? 'none',
        };
      }
    }
  }
  const where = context.sameKubernetesCluster
    ? 'an internal listener'
    : `an external listener (${EXTERNAL_TYPES.join(
        ', ',
      )}) whose address the Kafka's status reports${
        spec.source.live
          ? ''
          : ' (a source read from files has no status: clone the live environment)'
      }`;
  throw new InputError(
    `The clone cannot reach the data of ${ns}/${name}: mirroring from ${
      spec.source.kubernetesCluster ?? 'the source'
    } to ${
      spec.target.kubernetesCluster
    } needs ${where} with TLS and mTLS or SCRAM-SHA-512 authentication (or none, on a cluster without authorization); its listeners: ${describe(
      kafka,
    )}`,
  );
}

function clientAuth(
  auth: string,
  secretName: string,
  username: string,
): Spec | undefined {
  if (auth === 'tls') {
    return {
      type: 'tls',
      certificateAndKey: {
        secretName,
        certificate: 'user.crt',
        key: 'user.key',
      },
    };
  }
  if (auth === 'scram-sha-512') {
    return {
      type: 'scram-sha-512',
      username,
      passwordSecret: { secretName, password: 'password' },
    };
  }
  return undefined;
}

const regexOf = (names: readonly string[]) =>
  names
    .map(n => n.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*'))
    .join('|');

function mirror(context: MirrorContext): MirrorResult {
  const { spec, clone, topics } = context;
  const source = sourceAddress(context.sourceKafka, context);
  const kafka = clone.find(o => o.kind === 'Kafka');
  if (!kafka) throw new InputError('The clone has no Kafka to mirror into');
  const [target] = usable(kafka, INTERNAL_TYPES);
  if (!target) {
    throw new InputError(
      `The clone's Kafka has no internal listener a mirror can write through: ${describe(
        kafka,
      )}`,
    );
  }
  const apiVersion = kafka.apiVersion;
  const cluster = kafka.metadata.name;
  const name = `${spec.target.name}-mirror`;
  const ephemeralProfile = spec.profile === 'ephemeral';
  const rf = ephemeralProfile ? 1 : -1;
  const objects: RenderedObject[] = [];
  const targetAuth = target.authentication?.type;
  if (targetAuth) {
    objects.push({
      apiVersion,
      kind: 'KafkaUser',
      metadata: {
        ...context.metadata(name),
        labels: {
          ...context.metadata(name).labels,
          [STRIMZI_LABELS.cluster]: cluster,
        },
      },
      spec: {
        authentication: { type: targetAuth },
        ...((kafka.spec as Spec).kafka?.authorization
          ? {
              authorization: {
                type: 'simple',
                acls: [
                  {
                    resource: {
                      type: 'topic',
                      name: '*',
                      patternType: 'literal',
                    },
                    operations: ['All'],
                  },
                  {
                    resource: {
                      type: 'group',
                      name: '*',
                      patternType: 'literal',
                    },
                    operations: ['All'],
                  },
                  {
                    resource: { type: 'cluster' },
                    operations: ['Describe', 'DescribeConfigs', 'Create'],
                  },
                ],
              },
            }
          : {}),
      },
    });
  }
  // Named after the source, not the clone: a platform team provides them once per namespace
  // that may hold clones of that source, for the reader it keeps on the source.
  const sourceSecret = `${spec.source.name}-source-user`;
  const sourceCa = `${spec.source.name}-source-ca`;
  const reader = spec.data.sourceUser ?? DEFAULT_SOURCE_USER;
  const groups = spec.data.groups ?? [];
  const policy = {
    'replication.policy.class': IDENTITY_POLICY,
    'offset-syncs.topic.location': 'target',
  };
  objects.push({
    apiVersion,
    kind: 'KafkaMirrorMaker2',
    metadata: context.metadata(name),
    spec: {
      replicas: 1,
      target: {
        alias: 'clone',
        bootstrapServers: STRIMZI_NAMES.bootstrapAddress(cluster, target.port),
        groupId: `${name}-connect`,
        configStorageTopic: `${name}-configs`,
        offsetStorageTopic: `${name}-offsets`,
        statusStorageTopic: `${name}-status`,
        config: {
          'config.storage.replication.factor': rf,
          'offset.storage.replication.factor': rf,
          'status.storage.replication.factor': rf,
        },
        ...(target.tls
          ? {
              tls: {
                trustedCertificates: [
                  {
                    secretName: STRIMZI_NAMES.clusterCaCert(cluster),
                    certificate: 'ca.crt',
                  },
                ],
              },
            }
          : {}),
        ...(targetAuth
          ? { authentication: clientAuth(targetAuth, name, name) }
          : {}),
      },
      mirrors: [
        {
          source: {
            alias: 'source',
            bootstrapServers: source.bootstrap,
            ...(source.tls
              ? {
                  tls: {
                    trustedCertificates: [
                      { secretName: sourceCa, certificate: 'ca.crt' },
                    ],
                  },
                }
              : {}),
            ...(source.authentication !== 'none'
              ? {
                  authentication: clientAuth(
                    source.authentication,
                    sourceSecret,
                    reader,
                  ),
                }
              : {}),
          },
          sourceConnector: {
            tasksMax: 1,
            config: {
              ...policy,
              'replication.factor': rf,
              'offset-syncs.topic.replication.factor': rf,
              'sync.topic.acls.enabled': 'false',
            },
          },
          checkpointConnector: {
            tasksMax: 1,
            config: {
              ...policy,
              'checkpoints.topic.replication.factor': rf,
              ...(groups.length > 0
                ? { 'sync.group.offsets.enabled': 'true' }
                : {}),
            },
          },
          topicsPattern: regexOf(topics),
          ...(groups.length > 0 ? { groupsPattern: regexOf(groups) } : {}),
        },
      ],
      resources: ephemeralResources('component'),
    },
  });

  const from = `${spec.source.namespace}/${spec.source.name}${
    spec.source.kubernetesCluster ? ` on ${spec.source.kubernetesCluster}` : ''
  }`;
  const secrets: RequiredSecret[] = [
    ...(source.tls
      ? [
          {
            name: sourceCa,
            keys: ['ca.crt'],
            purpose: `The cluster CA certificate of the source ${from} (its Secret ${STRIMZI_NAMES.clusterCaCert(
              spec.source.name,
            )}), which the mirror trusts`,
          },
        ]
      : []),
    ...(source.authentication !== 'none'
      ? [
          {
            name: sourceSecret,
            keys:
              source.authentication === 'tls'
                ? ['user.crt', 'user.key']
                : ['password'],
            purpose: `The credentials of KafkaUser ${reader} on the source ${from} (${source.authentication}), which reads the mirrored topics`,
          },
        ]
      : []),
  ];
  const warnings =
    source.authentication !== 'none'
      ? [
          `Mirroring reads ${from} as KafkaUser ${reader}: it must exist there (authentication ${
            source.authentication
          }; Read and Describe on topics ${topics.join(', ')}${
            groups.length > 0 ? ` and on groups ${groups.join(', ')}` : ''
          }) and put its credentials in Secret ${sourceSecret} of namespace ${
            spec.target.namespace
          }`,
        ]
      : [];
  return {
    objects,
    replaced: [],
    removed: [],
    requiredSecrets: secrets,
    warnings,
    source,
  };
}

// Secrets the operators generate for the objects of an environment; every other one is the
// platform's to provide.
function generatedSecrets(objects: readonly RenderedObject[]): Set<string> {
  const names = new Set<string>();
  for (const o of objects) {
    if (o.kind === 'Kafka') {
      const n = o.metadata.name;
      [
        STRIMZI_NAMES.clusterCaCert(n),
        `${n}-cluster-ca`,
        `${n}-clients-ca-cert`,
        `${n}-clients-ca`,
      ].forEach(s => names.add(s));
    }
    if (o.kind === 'KafkaUser') names.add(o.metadata.name);
  }
  return names;
}

function requiredSecrets(objects: readonly RenderedObject[]): RequiredSecret[] {
  const generated = generatedSecrets(objects);
  const byName = new Map<string, RequiredSecret>();
  for (const o of objects) {
    for (const ref of keyedStrings(o.spec, ['secretName'], ['spec'])) {
      if (generated.has(ref.value)) continue;
      const keys = ['certificate', 'key', 'password']
        .map(k => ref.holder[k])
        .filter((k): k is string => typeof k === 'string');
      const existing = byName.get(ref.value);
      const purpose = `Named by ${o.kind} ${o.metadata.name} at ${ref.path.join(
        '.',
      )}`;
      if (existing) {
        existing.keys = [...new Set([...existing.keys, ...keys])].sort();
      } else {
        byName.set(ref.value, { name: ref.value, keys: keys.sort(), purpose });
      }
    }
  }
  return [...byName.values()];
}

/**
 * How Strimzi resources are cloned.
 *
 * @public
 */
export const strimziCloneRules: OperatorCloneRules = {
  facts: strimziFacts,
  dropAnnotations: [STRIMZI_ANNOTATIONS.pause, STRIMZI_ANNOTATIONS.manualRoll],
  generatedSecretKeys: ['secretName'],
  connectorKind: 'KafkaConnector',
  replicationKinds: ['KafkaMirrorMaker2'],
  topicKind: 'KafkaTopic',
  topicName: o => ((o.spec as Spec).topicName as string) ?? o.metadata.name,
  ephemeral,
  dropExternalAccess,
  keepConnector,
  mirror,
  requiredSecrets,
};
