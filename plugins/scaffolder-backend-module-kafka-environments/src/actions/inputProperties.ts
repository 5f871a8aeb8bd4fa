import { strimziFacts } from '@k8s-kafka/plugin-kafka-clusters-node';
import { z as zod3 } from 'zod/v3';

type Zod = typeof zod3;

/** The patterns the inputs are held to; the template's form uses the same ones. */
export const PATTERNS = {
  // Kafka, namespace, connector and service names end up in pod, Service and PVC names and in
  // label values: DNS-1123 labels.
  dnsLabel: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
  // A topic's resource name is its Kafka name: a DNS-1123 subdomain is what both the CRs and
  // Kafka (`[a-zA-Z0-9._-]`) accept.
  topic: /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/,
  owner:
    /^(group|user):([a-z0-9]([-a-z0-9]*[a-z0-9])?\/)?[a-zA-Z0-9]([-_.a-zA-Z0-9]*[a-zA-Z0-9])?$/,
  // registry/path:tag or @sha256:digest, as container runtimes parse image references.
  image:
    /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$/,
  quantity: /^[1-9][0-9]{0,5}(Mi|Gi|Ti)$/,
  javaClass: /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/,
  configKey: /^[a-z][a-z0-9]*([._-][a-z0-9]+)*$/,
  ldap: /^ldaps?:\/\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]{1,5})?$/,
  superUser: /^User:[A-Za-z0-9]([-_.A-Za-z0-9]*[A-Za-z0-9])?$/,
} as const;

/** The most topics one environment can hold; the platform's limit may be lower. */
export const MAX_TOPICS = 1000;
export const MAX_PARTITIONS = 1000;

const configValues = (zod: Zod) =>
  zod.record(
    zod.string().max(100).regex(PATTERNS.configKey),
    zod.union([zod.string().max(1000), zod.number(), zod.boolean()]),
  );

const topicObject = (zod: Zod) =>
  zod.object({
    name: zod.string().max(249).regex(PATTERNS.topic),
    partitions: zod.number().int().min(1).max(MAX_PARTITIONS).optional(),
    replicas: zod.number().int().min(1).max(99).optional(),
    config: configValues(zod).optional(),
  });

/**
 * The input fields the `kafka:environment:*` actions share, each a `zod => schema` builder with
 * its description, so every action asks for a name, a namespace or an operator the same way.
 */
export const inputProperties = {
  name: (zod: Zod) =>
    zod
      .string()
      .max(40)
      .regex(PATTERNS.dnsLabel)
      .describe(
        'Name of the Kafka cluster (a DNS label, at most 40 characters)',
      ),
  namespace: (zod: Zod) =>
    zod
      .string()
      .max(63)
      .regex(PATTERNS.dnsLabel)
      .describe('Kubernetes namespace of the environment'),
  operator: (zod: Zod) =>
    zod.enum(['strimzi', 'cfk']).describe('The operator that runs the cluster'),
  targetCluster: (zod: Zod) =>
    zod
      .string()
      .min(1)
      .max(253)
      .describe(
        'The Kubernetes cluster the environment is for: a cluster the portal is configured with',
      ),
  strimziApiVersion: (zod: Zod) =>
    zod
      .enum(['v1', 'v1beta2'])
      .optional()
      .describe(
        `${strimziFacts.group} version; by default v1 when the target cluster serves it, else v1beta2`,
      ),
  profile: (zod: Zod) =>
    zod
      .enum(['dev', 'staging', 'production'])
      .default('staging')
      .describe(
        'dev: 1 node, RF 1; staging: 3 brokers, 3 controllers, RF 3; production: 5 brokers, 3 controllers, RF 3',
      ),
  service: (zod: Zod) =>
    zod
      .string()
      .max(63)
      .regex(PATTERNS.dnsLabel)
      .describe(
        'The owning service: the backstage.io/kubernetes-id label of every resource',
      ),
  owner: (zod: Zod) =>
    zod
      .string()
      .max(253)
      .regex(PATTERNS.owner)
      .describe('The owning group or user (group:default/team-a)'),
  topics: (zod: Zod) =>
    zod
      .array(
        zod.union([
          zod.string().max(249).regex(PATTERNS.topic),
          topicObject(zod),
        ]),
      )
      .max(MAX_TOPICS)
      .default([])
      .describe(
        'Topics: names, or { name, partitions, replicas, config } (replicas at most the broker count)',
      ),
  partitions: (zod: Zod) =>
    zod
      .number()
      .int()
      .min(1)
      .max(MAX_PARTITIONS)
      .default(3)
      .describe('Partitions of a topic that does not say'),
  components: (zod: Zod) =>
    zod
      .object({
        schemaRegistry: zod.boolean().default(false),
        connect: zod.boolean().default(false),
        ksqlDb: zod.boolean().default(false),
        controlCenter: zod.boolean().default(false),
        restProxy: zod.boolean().default(false),
        restClass: zod.boolean().default(false),
        bridge: zod.boolean().default(false),
      })
      .strict()
      .default({})
      .describe(
        'CFK: schemaRegistry, connect, ksqlDb, controlCenter, restProxy, restClass; Strimzi: connect, bridge',
      ),
  connectors: (zod: Zod) =>
    zod
      .array(
        zod.object({
          name: zod.string().max(63).regex(PATTERNS.dnsLabel),
          class: zod.string().max(200).regex(PATTERNS.javaClass),
          tasksMax: zod.number().int().min(1).max(100).default(1),
          config: configValues(zod).optional(),
        }),
      )
      .max(50)
      .default([])
      .describe('Connectors of the Connect cluster (needs components.connect)'),
  security: (zod: Zod) =>
    zod
      .object({
        tls: zod.boolean().default(true),
        authentication: zod.boolean().default(true),
        authorization: zod.enum(['simple', 'rbac', 'none']).optional(),
      })
      .strict()
      .default({})
      .describe(
        'TLS and authentication on, simple authorization (rbac with an MDS, CFK); only dev may turn them off',
      ),
  mds: (zod: Zod) =>
    zod
      .object({ ldapAddress: zod.string().max(253).regex(PATTERNS.ldap) })
      .strict()
      .optional()
      .describe(
        'CFK only: the LDAP directory of the MDS, for rbac authorization (ldaps://host:636)',
      ),
  superUsers: (zod: Zod) =>
    zod
      .array(zod.string().max(253).regex(PATTERNS.superUser))
      .max(50)
      .optional()
      .describe(
        "CFK only: super users (User:<name>); by default the environment's own components",
      ),
  brokers: (zod: Zod) =>
    zod
      .number()
      .int()
      .min(1)
      .max(99)
      .optional()
      .describe("Brokers, instead of the profile's"),
  storagePerBroker: (zod: Zod) =>
    zod
      .string()
      .regex(PATTERNS.quantity)
      .optional()
      .describe("Storage per broker (e.g. 200Gi), instead of the profile's"),
  storageClass: (zod: Zod) =>
    zod
      .string()
      .max(253)
      .regex(PATTERNS.topic)
      .optional()
      .describe(
        'Storage class of the volumes; the cluster default when not given',
      ),
  cfkImages: (zod: Zod) =>
    zod
      .object(
        Object.fromEntries(
          [
            'server',
            'init',
            'schemaRegistry',
            'connect',
            'ksqlDb',
            'restProxy',
            'controlCenter',
            'prometheus',
            'alertmanager',
          ].map(key => [
            key,
            zod.string().max(255).regex(PATTERNS.image).optional(),
          ]),
        ),
      )
      .strict()
      .optional()
      .describe('CFK images (CFK only); Confluent Platform 8.1.0 by default'),
  targetPath: (zod: Zod) =>
    zod
      .string()
      .max(500)
      .optional()
      .describe(
        "Folder in the workspace (and the GitOps repository) to write into; by default the target cluster's folder, then <namespace>/<name>",
      ),
};
