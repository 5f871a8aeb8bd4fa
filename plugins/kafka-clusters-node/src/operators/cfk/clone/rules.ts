import { InputError } from '@backstage/errors';
import { externalSystems } from '../../common/clone/connectors';
import { copy, keyedStrings, smallerQuantity } from '../../common/clone/json';
import {
  EPHEMERAL,
  ephemeralResources,
  singleReplicaConfig,
  singleReplicaLines,
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
  CFK_ANNOTATIONS,
  CFK_COMPONENT_KINDS,
  CFK_NAMES,
  cfkFacts,
} from '../facts';
import { CFK_INTERNAL_TOPIC_KEYS } from '../render/environment';

/*
 * Cloning CFK resources (CFK 3.3.0 CRDs). Data travels by Cluster Linking, destination-initiated
 * as in Confluent's confluent-kubernetes-examples hybrid/clusterlink: the ClusterLink lives with
 * the clone, which needs a KafkaRestClass and a password encoder on its Kafka.
 */

type Spec = Record<string, any>;

// The field each component's internal topics take their replication factor from (CFK spells
// two of them "Replicator").
const INTERNAL_TOPIC_FIELDS: Record<string, string> = {
  SchemaRegistry: 'internalTopicReplicatorFactor',
  ControlCenter: 'internalTopicReplicatorFactor',
  Connect: 'internalTopicReplicationFactor',
  KsqlDB: 'internalTopicReplicationFactor',
};

// CFK's internal listener port (operators.md §1.5); custom listeners carry their own.
const INTERNAL_PORT = 9071;

// A ClusterLink authenticates as a Kafka client: a listener's type, as the link spells it.
const LINK_AUTH: Record<string, string> = {
  mtls: 'mtls',
  plain: 'plain',
  // LDAP listeners take SASL/PLAIN credentials that the broker checks against the directory.
  ldap: 'plain',
};
const LINK_AUTH_RANK = ['mtls', 'plain', 'none'];

/** Names of what the data step adds; secretRef values are at most 30 characters. */
const LINK_SECRETS = {
  passwordEncoder: 'password-encoder',
  sourceTls: 'clusterlink-source-tls',
  sourceCredentials: 'clusterlink-source-creds',
};

function withSpec(object: RenderedObject, fn: (spec: Spec) => void) {
  const out = copy(object);
  fn(out.spec as Spec);
  return out;
}

function ephemeral(object: RenderedObject): RenderedObject {
  return withSpec(object, spec => {
    const shrink = (field: string, cap: string) => {
      if (spec[field]) spec[field] = smallerQuantity(spec[field], cap);
    };
    const resources = (role: 'broker' | 'component') => {
      if (spec.podTemplate?.resources)
        spec.podTemplate.resources = ephemeralResources(role);
    };
    switch (object.kind) {
      case 'Kafka':
        spec.replicas = Math.min(spec.replicas ?? 1, EPHEMERAL.replicas);
        shrink('dataVolumeCapacity', EPHEMERAL.storage);
        spec.configOverrides = {
          ...spec.configOverrides,
          server: singleReplicaLines(spec.configOverrides?.server, [
            ...CFK_INTERNAL_TOPIC_KEYS,
            'min.insync.replicas',
            'transaction.state.log.min.isr',
          ]),
        };
        resources('broker');
        break;
      case 'KRaftController':
      case 'Zookeeper':
        spec.replicas = Math.min(spec.replicas ?? 1, EPHEMERAL.replicas);
        shrink('dataVolumeCapacity', EPHEMERAL.smallStorage);
        shrink('logVolumeCapacity', EPHEMERAL.smallStorage);
        resources('component');
        break;
      case 'KafkaTopic':
        if (typeof spec.replicas === 'number' && spec.replicas > 1)
          spec.replicas = EPHEMERAL.replicas;
        if (spec.configs)
          spec.configs = singleReplicaConfig(spec.configs, false);
        break;
      default:
        if (CFK_COMPONENT_KINDS.includes(object.kind)) {
          if (spec.replicas !== undefined)
            spec.replicas = Math.min(spec.replicas, EPHEMERAL.replicas);
          const field = INTERNAL_TOPIC_FIELDS[object.kind];
          if (field) spec[field] = 1;
          shrink('dataVolumeCapacity', EPHEMERAL.smallStorage);
          const pvc = spec.services?.prometheus?.pvc;
          if (pvc?.dataVolumeCapacity)
            pvc.dataVolumeCapacity = smallerQuantity(
              pvc.dataVolumeCapacity,
              EPHEMERAL.smallStorage,
            );
          if (spec.configOverrides?.server) {
            spec.configOverrides.server = singleReplicaLines(
              spec.configOverrides.server,
              [],
            );
          }
          resources('component');
        }
    }
  });
}

function dropExternalAccess(object: RenderedObject): RenderedObject {
  return withSpec(object, spec => {
    const listeners = spec.listeners;
    if (listeners && typeof listeners === 'object') {
      for (const [name, listener] of Object.entries(listeners)) {
        if (name === 'custom' && Array.isArray(listener)) {
          listeners.custom = listener.filter(l => !l?.externalAccess);
          if (listeners.custom.length === 0) delete listeners.custom;
        } else if ((listener as Spec)?.externalAccess) {
          delete listeners[name];
        }
      }
    }
    delete spec.externalAccess;
  });
}

function keepConnector(object: RenderedObject) {
  const systems = externalSystems((object.spec as Spec).configs);
  return {
    object,
    warnings: [
      `Connector ${
        object.metadata.name
      } is cloned and will run as soon as it is applied (CFK's Connector has no stopped state)${
        systems.length > 0
          ? `: its configuration reaches ${systems.join(', ')}`
          : ''
      }; point it at systems the clone may use first`,
    ],
  };
}

interface Listener {
  name: string;
  spec: Spec;
}

function listenersOf(kafka: { spec?: Spec }): Listener[] {
  const listeners = kafka.spec?.listeners ?? {};
  // The replication listener is the brokers' own; clients use the others.
  return Object.entries(listeners).flatMap(([name, l]): Listener[] => {
    if (name === 'replication') return [];
    if (name === 'custom' && Array.isArray(l))
      return l.map(c => ({ name: c?.name as string, spec: c as Spec }));
    return [{ name, spec: l as Spec }];
  });
}

const authOf = (l: Listener) => l.spec?.authentication?.type ?? 'none';

function usable(kafka: { spec?: Spec }, external: boolean): Listener[] {
  return listenersOf(kafka)
    .filter(l => Boolean(l.spec?.externalAccess) === external)
    .filter(l => authOf(l) === 'none' || LINK_AUTH[authOf(l)])
    .sort(
      (a, b) =>
        LINK_AUTH_RANK.indexOf(LINK_AUTH[authOf(a)] ?? 'none') -
          LINK_AUTH_RANK.indexOf(LINK_AUTH[authOf(b)] ?? 'none') ||
        a.name.localeCompare(b.name),
    );
}

function describe(kafka: { spec?: Spec }): string {
  return (
    listenersOf(kafka)
      .map(
        l =>
          `${l.name} (${l.spec?.externalAccess ? 'external' : 'internal'}, ${
            l.spec?.tls?.enabled ? 'TLS' : 'no TLS'
          }, ${authOf(l)})`,
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
  const status = (kafka.status?.listeners ?? {}) as Record<string, Spec>;
  const pick = (l: Listener, bootstrap: string): SourceAddress => ({
    bootstrap,
    listener: l.name,
    tls: Boolean(l.spec?.tls?.enabled),
    authentication: authOf(l),
  });
  if (context.sameKubernetesCluster) {
    const [l] = usable(kafka, false);
    if (l) {
      const port = l.name === 'internal' ? INTERNAL_PORT : l.spec.port;
      return pick(
        l,
        `${CFK_NAMES.services(name)[0]}.${ns}.svc.cluster.local:${port}`,
      );
    }
  } else {
    for (const l of usable(kafka, true)) {
      const address = status[l.name]?.externalEndpoint;
      if (typeof address === 'string' && address !== '') {
        return pick(l, address.replace(/^[a-z_]+:\/\//i, ''));
      }
    }
  }
  const where = context.sameKubernetesCluster
    ? 'an internal listener'
    : `a listener with externalAccess whose address the Kafka's status reports${
        spec.source.live
          ? ''
          : ' (a source read from files has no status: clone the live environment)'
      }`;
  throw new InputError(
    `The clone cannot reach the data of ${ns}/${name}: a ClusterLink from ${
      spec.source.kubernetesCluster ?? 'the source'
    } to ${
      spec.target.kubernetesCluster
    } needs ${where} with mTLS, PLAIN or LDAP (SASL/PLAIN) authentication or none; its listeners: ${describe(
      kafka,
    )}`,
  );
}

const topicName = (o: RenderedObject) =>
  ((o.spec as Spec).name as string) ?? o.metadata.name;

function linkAuthentication(linkAuth: string | undefined) {
  if (linkAuth === 'plain') {
    return {
      authentication: {
        type: 'plain',
        jaasConfig: { secretRef: LINK_SECRETS.sourceCredentials },
      },
    };
  }
  return linkAuth === 'mtls' ? { authentication: { type: 'mtls' } } : {};
}

function mirror(context: MirrorContext): MirrorResult {
  const { spec, clone, topics, sourceKafka } = context;
  const source = sourceAddress(sourceKafka, context);
  const kafka = clone.find(o => o.kind === 'Kafka');
  if (!kafka) throw new InputError('The clone has no Kafka to link into');
  const clusterID = sourceKafka.status?.clusterID;
  // Without the source's cluster ID the link finds it through the source's REST class, which
  // only a clone on the same Kubernetes cluster can reach by reference.
  const sourceRestClass = context.sameKubernetesCluster
    ? context.sourceEnvironment.find(
        o =>
          o.kind === 'KafkaRestClass' &&
          (o.spec as Spec | undefined)?.kafkaClusterRef?.name ===
            sourceKafka.metadata.name,
      )
    : undefined;
  const sourceRest = sourceRestClass && {
    name: sourceRestClass.metadata.name,
    namespace: sourceRestClass.metadata.namespace ?? spec.source.namespace,
  };
  if (typeof clusterID !== 'string' && !sourceRest) {
    throw new InputError(
      `The ClusterLink needs the source's cluster ID, which only the live Kafka ${spec.source.namespace}/${spec.source.name} reports in status.clusterID: clone the live environment`,
    );
  }

  const replaced: RenderedObject[] = [];
  const objects: RenderedObject[] = [];
  const kafkaSpec = kafka.spec as Spec;
  const encoder =
    kafkaSpec.passwordEncoder?.secretRef ?? LINK_SECRETS.passwordEncoder;
  const lines: string[] = kafkaSpec.configOverrides?.server ?? [];
  replaced.push(
    withSpec(kafka, s => {
      s.passwordEncoder = { ...s.passwordEncoder, secretRef: encoder };
      // Needed by Confluent Platform 7.x, the default from 8.0 (Confluent's single-node example).
      if (!lines.some(l => l.startsWith('confluent.cluster.link.enable='))) {
        s.configOverrides = {
          ...s.configOverrides,
          server: [...lines, 'confluent.cluster.link.enable=true'],
        };
      }
    }),
  );
  let restClass = clone.find(
    o =>
      o.kind === 'KafkaRestClass' &&
      (o.spec as Spec).kafkaClusterRef?.name === kafka.metadata.name,
  )?.metadata.name;
  if (!restClass) {
    restClass = `${spec.target.name}-rest`;
    objects.push({
      apiVersion: kafka.apiVersion,
      kind: 'KafkaRestClass',
      metadata: context.metadata(restClass),
      spec: { kafkaClusterRef: { name: kafka.metadata.name } },
    });
  }
  const linkAuth = LINK_AUTH[source.authentication];
  const groups = spec.data.groups ?? [];
  const name = `${spec.target.name}-link`;
  objects.push({
    apiVersion: kafka.apiVersion,
    kind: 'ClusterLink',
    metadata: context.metadata(name),
    spec: {
      destinationKafkaCluster: { kafkaRestClassRef: { name: restClass } },
      sourceKafkaCluster: {
        bootstrapEndpoint: source.bootstrap,
        ...(typeof clusterID === 'string'
          ? { clusterID }
          : { kafkaRestClassRef: sourceRest }),
        ...linkAuthentication(linkAuth),
        ...(source.tls
          ? { tls: { enabled: true, secretRef: LINK_SECRETS.sourceTls } }
          : {}),
      },
      mirrorTopics: topics.map(topic => ({ name: topic })),
      ...(groups.length > 0
        ? {
            consumerGroupFilters: groups.map(g => ({
              name: g.replace(/\*$/, ''),
              patternType: g.endsWith('*') ? 'PREFIXED' : 'LITERAL',
              filterType: 'INCLUDE',
            })),
            configs: { 'consumer.offset.sync.enable': 'true' },
          }
        : {}),
    },
  });

  const removed = clone
    .filter(o => o.kind === 'KafkaTopic' && topics.includes(topicName(o)))
    .map(o => ({
      kind: o.kind,
      name: o.metadata.name,
      reason: `becomes a mirror topic of ClusterLink ${name}; a topic of that name would stop the link creating it`,
    }));
  const from = `${spec.source.namespace}/${spec.source.name}${
    spec.source.kubernetesCluster ? ` on ${spec.source.kubernetesCluster}` : ''
  }`;
  const secrets: RequiredSecret[] = [
    {
      name: encoder,
      keys: ['password-encoder.txt'],
      purpose:
        "The password encoder of the clone's Kafka, with which a destination-initiated ClusterLink stores the source's credentials",
    },
    ...(source.tls
      ? [
          {
            name: LINK_SECRETS.sourceTls,
            keys:
              linkAuth === 'mtls'
                ? ['cacerts.pem', 'fullchain.pem', 'privkey.pem']
                : ['cacerts.pem'],
            purpose: `TLS to the source ${from} (listener ${
              source.listener
            }): the CA it trusts${
              linkAuth === 'mtls'
                ? ", and the link's client certificate and key"
                : ''
            }`,
          },
        ]
      : []),
    ...(linkAuth === 'plain'
      ? [
          {
            name: LINK_SECRETS.sourceCredentials,
            keys: ['plain.txt'],
            purpose: `The SASL/PLAIN credentials the link reads the source ${from} with (listener ${source.listener})`,
          },
        ]
      : []),
  ];
  const warnings = [
    `The ClusterLink reads ${from} through listener ${
      source.listener
    }: the principal of its credentials needs Read, DescribeConfigs and Describe on topics ${topics.join(
      ', ',
    )}${
      groups.length > 0 ? ` and Describe on groups ${groups.join(', ')}` : ''
    } there (granted outside the portal)`,
  ];
  return {
    objects,
    replaced,
    removed,
    requiredSecrets: secrets,
    warnings,
    source,
  };
}

// What a Secret a CFK field names must hold, by the field that names it (CFK's docs on
// credentials: plain.txt for clients, plain-users.json for listeners, …).
function secretContents(
  path: string[],
  key: string,
): { keys: string[]; what: string } {
  const at = [...path].reverse();
  const parent = at[0];
  if (parent === 'passwordEncoder')
    return { keys: ['password-encoder.txt'], what: 'password encoder' };
  if (parent === 'tokenKeyPair')
    return {
      keys: ['mdsTokenKeyPair.pem', 'mdsPublicKey.pem'],
      what: 'MDS token key pair',
    };
  if (parent === 'jaasConfig')
    return path[1] === 'listeners'
      ? { keys: ['plain-users.json'], what: "the listener's users" }
      : { keys: ['plain.txt'], what: 'client credentials' };
  if (parent === 'basic')
    return { keys: ['basic.txt'], what: 'basic credentials' };
  if (parent === 'bearer')
    return { keys: ['bearer.txt'], what: 'bearer credentials' };
  if (parent === 'simple') return { keys: ['ldap.txt'], what: 'LDAP bind' };
  if (parent === 'tls')
    return {
      keys: ['cacerts.pem', 'fullchain.pem', 'privkey.pem'],
      what: 'TLS certificates',
    };
  return { keys: [], what: key };
}

function requiredSecrets(objects: readonly RenderedObject[]): RequiredSecret[] {
  const byName = new Map<string, RequiredSecret>();
  const add = (secret: RequiredSecret) => {
    const existing = byName.get(secret.name);
    if (existing) {
      existing.keys = [...new Set([...existing.keys, ...secret.keys])].sort();
    } else
      byName.set(secret.name, { ...secret, keys: [...secret.keys].sort() });
  };
  for (const o of objects) {
    if ((o.spec as Spec)?.tls?.autoGeneratedCerts) {
      add({
        name: CFK_NAMES.caSecret,
        keys: ['tls.crt', 'tls.key'],
        purpose:
          'The CA that signs the certificates CFK generates (autoGeneratedCerts)',
      });
    }
    for (const ref of keyedStrings(o.spec, ['secretRef'], ['spec'])) {
      const { keys, what } = secretContents(ref.path, ref.key);
      add({
        name: ref.value,
        keys,
        purpose: `${what}, named by ${o.kind} ${
          o.metadata.name
        } at ${ref.path.join('.')}`,
      });
    }
  }
  return [...byName.values()];
}

/**
 * How CFK resources are cloned.
 *
 * @public
 */
export const cfkCloneRules: OperatorCloneRules = {
  facts: cfkFacts,
  dropAnnotations: [CFK_ANNOTATIONS.blockReconcile],
  generatedSecretKeys: [],
  connectorKind: 'Connector',
  replicationKinds: ['ClusterLink'],
  topicKind: 'KafkaTopic',
  topicName,
  ephemeral,
  dropExternalAccess,
  keepConnector,
  mirror,
  requiredSecrets,
};
