import { KubernetesClusterAccess } from '@k8s-kafka/plugin-kafka-clusters-node';
import { EnvironmentsConfig } from '../environments/config';
import { createKafkaEnvironmentCreateAction } from './createEnvironment';

export { createKafkaEnvironmentCreateAction };

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
  return [createKafkaEnvironmentCreateAction(options)];
}
