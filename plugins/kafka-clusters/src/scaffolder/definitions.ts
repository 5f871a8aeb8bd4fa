import { FieldExtensionOptions } from '@backstage/plugin-scaffolder-react';
import {
  KafkaApplyClusterPicker,
  validateKafkaApplyCluster,
} from './KafkaApplyClusterPicker/KafkaApplyClusterPicker';
import { KafkaApplyClusterPickerFieldSchema } from './KafkaApplyClusterPicker/schema';
import {
  KafkaDeliveryPicker,
  validateKafkaDelivery,
} from './KafkaDeliveryPicker/KafkaDeliveryPicker';
import { KafkaDeliveryPickerFieldSchema } from './KafkaDeliveryPicker/schema';

// One definition per field, for both frontend systems (and the tests' form).

export const kafkaDeliveryPicker = {
  name: 'KafkaDeliveryPicker',
  component: KafkaDeliveryPicker,
  validation: validateKafkaDelivery,
  schema: KafkaDeliveryPickerFieldSchema,
};

export const kafkaApplyClusterPicker = {
  name: 'KafkaApplyClusterPicker',
  component: KafkaApplyClusterPicker,
  validation: validateKafkaApplyCluster,
  schema: KafkaApplyClusterPickerFieldSchema,
};

/** As the old frontend system and the scaffolder's own form take them. */
export const legacyOptions = (
  field: typeof kafkaDeliveryPicker | typeof kafkaApplyClusterPicker,
): FieldExtensionOptions<any, any> => ({
  ...field,
  schema: field.schema.schema,
});
