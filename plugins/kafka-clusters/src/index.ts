/**
 * The kafka-clusters frontend plugin: Kafka cluster health on catalog entities.
 *
 * @packageDocumentation
 */

export { kafkaClustersPlugin as default } from './plugin';
export { isKafkaClustersAvailable } from './entityFilter';
