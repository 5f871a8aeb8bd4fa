export { kafkaClustersScaffolderModule } from './module';
export {
  KafkaDeliveryPickerFieldExtension,
  KafkaApplyClusterPickerFieldExtension,
  KafkaClusterPickerFieldExtension,
} from './legacy';
export {
  KafkaDeliveryPickerFieldSchema,
  type KafkaDeliveryPickerProps,
} from './KafkaDeliveryPicker/schema';
export {
  KafkaApplyClusterPickerFieldSchema,
  type KafkaApplyClusterPickerProps,
} from './KafkaApplyClusterPicker/schema';
export {
  KafkaClusterPickerFieldSchema,
  type KafkaClusterPickerProps,
  type KafkaClusterPickerValue,
} from './KafkaClusterPicker/schema';
