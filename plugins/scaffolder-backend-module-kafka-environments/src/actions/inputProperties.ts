import {
  DEFAULT_CFK_IMAGES,
  strimziFacts,
} from '@k8s-kafka/plugin-kafka-clusters-node';
import { z as zod3 } from 'zod/v3';

type Zod = typeof zod3;

// Kafka and topic resource names end up in pod, service and PVC names: DNS-1035 labels.
const NAME_PATTERN = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The input fields the `kafka:environment:*` actions share, each a `zod => schema` builder with
 * its description, so every action asks for a name, a namespace or an operator the same way.
 */
export const inputProperties = {
  name: (zod: Zod) =>
    zod
      .string()
      .max(40)
      .regex(NAME_PATTERN)
      .describe('Name of the Kafka cluster (a DNS label)'),
  namespace: (zod: Zod) =>
    zod
      .string()
      .max(63)
      .regex(NAME_PATTERN)
      .describe('Kubernetes namespace of the environment'),
  operator: (zod: Zod) =>
    zod.enum(['strimzi', 'cfk']).describe('The operator that runs the cluster'),
  strimziApiVersion: (zod: Zod) =>
    zod
      .enum(['v1', 'v1beta2'])
      .default('v1')
      .describe(
        `${strimziFacts.group} version: v1 for Strimzi 0.49 and later, v1beta2 up to 0.51`,
      ),
  size: (zod: Zod) =>
    zod
      .enum(['dev', 'small', 'production'])
      .default('small')
      .describe(
        'dev: 1 node; small: 3 brokers, 3 controllers; production: 5 brokers, 3 controllers',
      ),
  kubernetesId: (zod: Zod) =>
    zod
      .string()
      .optional()
      .describe(
        'backstage.io/kubernetes-id label for every resource (the owning service)',
      ),
  topics: (zod: Zod) =>
    zod
      .array(
        zod.object({
          name: zod.string().max(200).regex(NAME_PATTERN),
          partitions: zod.number().int().min(1).max(1000).default(3),
          replicas: zod.number().int().min(1).max(5).optional(),
          config: zod.record(zod.string(), zod.string()).optional(),
        }),
      )
      .default([])
      .describe('Topics to create with the cluster'),
  cfkImages: (zod: Zod) =>
    zod
      .object({ server: zod.string(), init: zod.string() })
      .default({ ...DEFAULT_CFK_IMAGES })
      .describe('CFK images (CFK only)'),
  targetPath: (zod: Zod) =>
    zod
      .string()
      .optional()
      .describe(
        'Folder in the workspace to write into; kafka/<name> by default',
      ),
};
