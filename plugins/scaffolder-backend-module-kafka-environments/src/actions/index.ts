import { KubernetesClusterAccess } from '@k8s-kafka/plugin-kafka-clusters-node';
import { EnvironmentsConfig } from '../environments/config';
import { createKafkaEnvironmentCloneAction } from './cloneEnvironment';
import { createKafkaEnvironmentCreateAction } from './createEnvironment';

export {
  createKafkaEnvironmentCloneAction,
  createKafkaEnvironmentCreateAction,
};

/**
 * Every `kafka:environment:*` action. `clusters` is the module's one cluster access (create
 * discovers what the target cluster serves through it); `environments` is
 * `kafkaClusters.environments` as read once by the module.
 *
 * @public
 */
export function createKafkaEnvironmentActions(options: {
  clusters: KubernetesClusterAccess;
  environments: EnvironmentsConfig;
}) {
  return [
    createKafkaEnvironmentCreateAction(options),
    createKafkaEnvironmentCloneAction(options),
  ];
}
