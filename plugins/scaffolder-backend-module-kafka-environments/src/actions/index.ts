import { KubernetesClusterAccess } from '@k8s-kafka/plugin-kafka-clusters-node';
import { createKafkaEnvironmentCreateAction } from './createEnvironment';

export { createKafkaEnvironmentCreateAction };

/**
 * Every `kafka:environment:*` action. `clusters` is the module's one cluster access, for the
 * actions that read or write Kubernetes clusters; `kafka:environment:create` writes only into
 * the workspace and does not use it.
 *
 * @public
 */
export function createKafkaEnvironmentActions(_options: {
  clusters: KubernetesClusterAccess;
}) {
  return [createKafkaEnvironmentCreateAction()];
}
