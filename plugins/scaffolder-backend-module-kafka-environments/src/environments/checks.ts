import { InputError } from '@backstage/errors';
import {
  EnvironmentSpec,
  SIZE_PROFILES,
  TOPIC_CONFIG_KEYS,
  TopicSpec,
} from '@k8s-kafka/plugin-kafka-clusters-node';
import { EnvironmentLimits, quantityBytes } from './config';

/** The parsed input of kafka:environment:create, before its checks. */
export interface CreateInput {
  name: string;
  namespace: string;
  operator: 'strimzi' | 'cfk';
  profile: 'dev' | 'staging' | 'production';
  service: string;
  owner: string;
  topics: (
    | string
    | {
        name: string;
        partitions?: number;
        replicas?: number;
        config?: Record<string, string | number | boolean>;
      }
  )[];
  partitions: number;
  components: Record<
    | 'schemaRegistry'
    | 'connect'
    | 'ksqlDb'
    | 'controlCenter'
    | 'restProxy'
    | 'restClass'
    | 'bridge',
    boolean
  >;
  connectors: {
    name: string;
    class: string;
    tasksMax: number;
    config?: Record<string, string | number | boolean>;
  }[];
  security: {
    tls: boolean;
    authentication: boolean;
    authorization?: 'simple' | 'rbac' | 'none';
  };
  mds?: { ldapAddress: string };
  superUsers?: string[];
  brokers?: number;
  storagePerBroker?: string;
  storageClass?: string;
}

const OPERATOR_COMPONENTS = {
  cfk: [
    'schemaRegistry',
    'connect',
    'ksqlDb',
    'controlCenter',
    'restProxy',
    'restClass',
  ],
  strimzi: ['connect', 'bridge'],
} as const;

const strings = (config?: Record<string, string | number | boolean>) =>
  config
    ? Object.fromEntries(Object.entries(config).map(([k, v]) => [k, String(v)]))
    : undefined;

/** `group:team-a` → `group:default/team-a`, as the catalog module reads the owner annotation. */
function fullOwner(owner: string): string {
  const [kind, rest] = owner.split(':');
  return rest.includes('/') ? owner : `${kind}:default/${rest}`;
}

/**
 * Every check the schema cannot express, against the platform's limits: the spec to render, or
 * an InputError naming the input or the limit.
 */
export function checkCreateInput(
  input: CreateInput,
  limits: EnvironmentLimits,
  environmentId: string,
): EnvironmentSpec {
  const fail = (message: string): never => {
    throw new InputError(message);
  };
  if (!limits.allowedOperators.includes(input.operator)) {
    fail(
      `operator ${
        input.operator
      } is not allowed on this platform (limit allowedOperators: ${limits.allowedOperators.join(
        ', ',
      )})`,
    );
  }
  const profile = SIZE_PROFILES[input.profile];
  const brokers = input.brokers ?? profile.brokers;
  if (brokers > limits.maxBrokers) {
    fail(
      `${brokers} brokers exceed the platform limit maxBrokers (${limits.maxBrokers})`,
    );
  }
  if (input.profile !== 'dev' && brokers < 3) {
    fail(
      `a ${input.profile} environment needs at least 3 brokers (brokers: ${brokers})`,
    );
  }
  if (input.profile === 'dev' && brokers !== 1) {
    fail(
      'a dev environment has one node; choose staging or production for more brokers',
    );
  }
  const storage = input.storagePerBroker ?? profile.storage;
  if ((quantityBytes(storage) ?? Infinity) > limits.maxStoragePerBroker) {
    fail(
      `${storage} per broker exceeds the platform limit maxStoragePerBroker (${limits.maxStoragePerBrokerText})`,
    );
  }
  if (
    input.storageClass !== undefined &&
    limits.allowedStorageClasses &&
    !limits.allowedStorageClasses.includes(input.storageClass)
  ) {
    fail(
      `storage class '${
        input.storageClass
      }' is not allowed (limit allowedStorageClasses: ${limits.allowedStorageClasses.join(
        ', ',
      )})`,
    );
  }
  if (input.topics.length > limits.maxTopics) {
    fail(
      `${input.topics.length} topics exceed the platform limit maxTopics (${limits.maxTopics})`,
    );
  }

  const topics: TopicSpec[] = [];
  const names = new Set<string>();
  for (const entry of input.topics) {
    const topic = typeof entry === 'string' ? { name: entry } : entry;
    if (names.has(topic.name)) fail(`Topic '${topic.name}' is listed twice`);
    names.add(topic.name);
    if (topic.replicas !== undefined && topic.replicas > brokers) {
      fail(
        `Topic '${topic.name}' asks for ${topic.replicas} replicas; a ${input.profile} environment has ${brokers} brokers`,
      );
    }
    const config = strings(topic.config);
    for (const key of Object.keys(config ?? {})) {
      if (!TOPIC_CONFIG_KEYS.includes(key)) {
        fail(
          `Topic '${topic.name}': '${key}' is not a Kafka topic configuration key`,
        );
      }
    }
    const minIsr = config?.['min.insync.replicas'];
    if (minIsr !== undefined) {
      const replicas =
        topic.replicas ?? Math.min(profile.replicationFactor, brokers);
      if (!/^[1-9][0-9]*$/.test(minIsr) || Number(minIsr) > replicas) {
        fail(
          `Topic '${topic.name}': min.insync.replicas ${minIsr} must be a number from 1 to its ${replicas} replicas`,
        );
      }
    }
    topics.push({
      name: topic.name,
      partitions: topic.partitions ?? input.partitions,
      ...(topic.replicas !== undefined ? { replicas: topic.replicas } : {}),
      ...(config ? { config } : {}),
    });
  }

  const allowed: readonly string[] = OPERATOR_COMPONENTS[input.operator];
  for (const [component, on] of Object.entries(input.components)) {
    if (on && !allowed.includes(component)) {
      fail(
        `components.${component} is not a ${
          input.operator
        } component (it has ${allowed.join(', ')})`,
      );
    }
  }
  if (input.connectors.length > 0 && !input.components.connect) {
    fail('connectors need components.connect');
  }
  const connectorNames = new Set<string>();
  for (const connector of input.connectors) {
    if (connectorNames.has(connector.name))
      fail(`Connector '${connector.name}' is listed twice`);
    connectorNames.add(connector.name);
  }

  const { tls, authentication } = input.security;
  const authorization =
    input.security.authorization ?? (input.mds ? 'rbac' : 'simple');
  if (
    input.profile !== 'dev' &&
    (!tls || !authentication || authorization === 'none')
  ) {
    fail(
      `TLS, authentication and authorization can be turned off for a dev environment only (profile: ${input.profile})`,
    );
  }
  if (authorization !== 'none' && !authentication) {
    fail(
      'authorization needs authentication: set security.authorization to none as well',
    );
  }
  if (authorization === 'rbac' && (input.operator !== 'cfk' || !input.mds)) {
    fail(
      'security.authorization rbac is CFK with an MDS: give mds.ldapAddress',
    );
  }
  if (input.mds && authorization !== 'rbac') {
    fail('mds is for CFK rbac authorization only');
  }
  if (
    input.superUsers &&
    (input.operator !== 'cfk' || authorization === 'none')
  ) {
    fail('superUsers are for CFK with authorization');
  }

  return {
    name: input.name,
    namespace: input.namespace,
    profile: input.profile,
    service: input.service,
    owner: fullOwner(input.owner),
    environmentId,
    topics,
    components: {
      schemaRegistry: input.components.schemaRegistry,
      connect: input.components.connect
        ? {
            connectors: input.connectors.map(c => ({
              name: c.name,
              class: c.class,
              tasksMax: c.tasksMax,
              ...(c.config ? { config: strings(c.config) } : {}),
            })),
          }
        : undefined,
      ksqlDb: input.components.ksqlDb,
      controlCenter: input.components.controlCenter,
      restProxy: input.components.restProxy,
      restClass: input.components.restClass,
      bridge: input.components.bridge,
    },
    security: {
      tls,
      authentication,
      authorization,
      ...(input.superUsers ? { superUsers: input.superUsers } : {}),
      ...(input.mds ? { mds: input.mds } : {}),
    },
    ...(input.brokers !== undefined ? { brokers: input.brokers } : {}),
    ...(input.storagePerBroker ? { storage: input.storagePerBroker } : {}),
    ...(input.storageClass ? { storageClass: input.storageClass } : {}),
  };
}
