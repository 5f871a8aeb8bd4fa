import { z } from 'zod';
import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  KAFKA_ENVIRONMENT_TARGET_RESOURCE_TYPE,
  matchesGlob,
} from '@k8s-kafka/plugin-kafka-clusters-common';

/**
 * Where `kafka:environment:apply` writes: one Kubernetes cluster (its configured name) and
 * namespace. The resource of `kafka-clusters.environment.apply`.
 *
 * @public
 */
export interface KafkaEnvironmentTarget {
  cluster: string;
  namespace: string;
}

/**
 * The resource type of `kafka-clusters.environment.apply`, owned by the scaffolder plugin
 * (this module registers it).
 *
 * @public
 */
export const kafkaEnvironmentTargetResourceRef = createPermissionResourceRef<
  KafkaEnvironmentTarget,
  never
>().with({
  pluginId: 'scaffolder',
  resourceType: KAFKA_ENVIRONMENT_TARGET_RESOURCE_TYPE,
});

const isInCluster = createPermissionRule({
  name: 'IS_IN_CLUSTER',
  description:
    'Allow targets on the given Kubernetes clusters (their configured names)',
  resourceRef: kafkaEnvironmentTargetResourceRef,
  paramsSchema: z.object({
    clusters: z
      .array(z.string())
      .describe('Kubernetes cluster names, e.g. dev'),
  }),
  apply: (target, { clusters }) => clusters.includes(target.cluster),
  toQuery: () => {
    throw new Error('Kafka environment targets cannot be queried');
  },
});

const isInNamespace = createPermissionRule({
  name: 'IS_IN_NAMESPACE',
  description:
    'Allow targets in namespaces matching one of the globs (* matches any run of characters)',
  resourceRef: kafkaEnvironmentTargetResourceRef,
  paramsSchema: z.object({
    namespaces: z.array(z.string()).describe('Namespace globs, e.g. team-a-*'),
  }),
  apply: (target, { namespaces }) =>
    namespaces.some(glob => matchesGlob(target.namespace, glob)),
  toQuery: () => {
    throw new Error('Kafka environment targets cannot be queried');
  },
});

/**
 * The rules of `kafka-clusters.environment.apply`, on its target's cluster and namespace.
 *
 * @public
 */
export const kafkaEnvironmentTargetRules = { isInCluster, isInNamespace };

const exports = createConditionExports({
  resourceRef: kafkaEnvironmentTargetResourceRef,
  rules: kafkaEnvironmentTargetRules,
});

/**
 * Conditions for a permission policy, e.g. `kafkaEnvironmentTargetConditions.isInCluster({
 * clusters: ['dev'] })`.
 *
 * @public
 */
export const kafkaEnvironmentTargetConditions = exports.conditions;

/**
 * Builds a conditional decision on `kafka-clusters.environment.apply` for a permission policy:
 *
 * ```ts
 * if (isPermission(request.permission, kafkaEnvironmentApplyPermission)) {
 *   return createKafkaEnvironmentTargetConditionalDecision(request.permission, {
 *     allOf: [
 *       kafkaEnvironmentTargetConditions.isInCluster({ clusters: ['dev'] }),
 *       kafkaEnvironmentTargetConditions.isInNamespace({ namespaces: ['team-a-*'] }),
 *     ],
 *   });
 * }
 * ```
 *
 * @public
 */
export const createKafkaEnvironmentTargetConditionalDecision =
  exports.createConditionalDecision;
