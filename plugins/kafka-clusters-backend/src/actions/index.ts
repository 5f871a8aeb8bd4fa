import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { KafkaStatusService } from '../service/statusService';
import { createExplainKafkaClusterAction } from './createExplainKafkaClusterAction';
import { createGetEntityKafkaHealthAction } from './createGetEntityKafkaHealthAction';
import { createListKafkaClustersAction } from './createListKafkaClustersAction';

/**
 * Registers the plugin's actions (`kafka-clusters:get-entity-kafka-health`,
 * `kafka-clusters:list-kafka-clusters`, `kafka-clusters:explain-kafka-cluster`). They answer
 * through the status service, which checks the caller's permissions as the routes do.
 */
export function registerKafkaClustersActions(options: {
  actionsRegistry: ActionsRegistryService;
  statusService: KafkaStatusService;
}) {
  createGetEntityKafkaHealthAction(options);
  createListKafkaClustersAction(options);
  createExplainKafkaClusterAction(options);
}
