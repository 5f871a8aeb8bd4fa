export { kafkaClustersScaffolderModule } from './module';
export {
  KafkaDeliveryPickerFieldExtension,
  KafkaApplyClusterPickerFieldExtension,
} from './legacy';
export {
  KafkaDeliveryPickerFieldSchema,
  type KafkaDeliveryPickerProps,
} from './KafkaDeliveryPicker/schema';
export {
  KafkaApplyClusterPickerFieldSchema,
  type KafkaApplyClusterPickerProps,
} from './KafkaApplyClusterPicker/schema';
