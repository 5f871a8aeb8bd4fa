import { FieldExtensionOptions } from '@backstage/plugin-scaffolder-react';
import {
  KafkaApplyClusterPicker,
  validateKafkaApplyCluster,
} from './KafkaApplyClusterPicker/KafkaApplyClusterPicker';
import { KafkaApplyClusterPickerFieldSchema } from './KafkaApplyClusterPicker/schema';
import {
  KafkaClusterPicker,
  validateKafkaCluster,
} from './KafkaClusterPicker/KafkaClusterPicker';
import { KafkaClusterPickerFieldSchema } from './KafkaClusterPicker/schema';
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

export const kafkaClusterPicker = {
  name: 'KafkaClusterPicker',
  component: KafkaClusterPicker,
  validation: validateKafkaCluster,
  schema: KafkaClusterPickerFieldSchema,
};

/** As the old frontend system and the scaffolder's own form take them. */
export const legacyOptions = (
  field:
    | typeof kafkaDeliveryPicker
    | typeof kafkaApplyClusterPicker
    | typeof kafkaClusterPicker,
): FieldExtensionOptions<any, any> => ({
  ...field,
  schema: field.schema.schema,
});
