/**
 * Catalog module discovering the CFK and Strimzi Kafka clusters (and optionally their topics)
 * of the configured Kubernetes clusters as Resource entities with owners.
 *
 * @packageDocumentation
 */

export { catalogModuleKafkaClusterEntityProvider as default } from './module';
export { KafkaClusterEntityProvider } from './provider/KafkaClusterEntityProvider';
export {
  ANNOTATION_KAFKA_TOPIC_REF,
  ANNOTATION_OWNER,
  ANNOTATION_SYSTEM,
  LABEL_OWNER,
  LABEL_SYSTEM,
  LOCATION_TYPE,
} from './annotations';
export {
  kafkaClusterEntityName,
  kafkaTopicEntityName,
} from './provider/entityName';
export type { KubernetesObjectLocation } from './provider/entityName';
