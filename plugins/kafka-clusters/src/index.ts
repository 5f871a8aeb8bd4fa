/**
 * The kafka-clusters frontend plugin: Kafka cluster health on catalog entities (a Kafka tab
 * and card) and across the fleet (a Kafka page), and the scaffolder form fields of the
 * environment templates. The default export is the plugin for the new frontend system, with
 * `kafkaClustersScaffolderModule` for its form fields; the named `kafkaClustersPlugin`,
 * `Entity*` and `*FieldExtension` exports serve apps on the old one.
 *
 * @packageDocumentation
 */

export { kafkaClustersFrontendPlugin as default } from './plugin';
export {
  kafkaClustersPlugin,
  EntityKafkaClustersContent,
  EntityKafkaClustersCard,
  KafkaClustersPage,
} from './legacy';
export {
  kafkaClustersApiRef,
  KafkaClustersClient,
  kafkaClustersApiFactory,
} from './api';
export type { KafkaClustersApi } from './api';
export { isKafkaClustersAvailable } from './entityFilter';
export * from './scaffolder';
export type { KafkaClustersContentProps } from './components/KafkaClustersContent/KafkaClustersContent';
export type { KafkaClustersCardProps } from './components/KafkaClustersCard/KafkaClustersCard';
export type { KafkaFleetPageProps } from './components/KafkaFleetPage/KafkaFleetPage';
