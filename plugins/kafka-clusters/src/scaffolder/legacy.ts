import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { kafkaClustersPlugin } from '../legacy';
import {
  kafkaApplyClusterPicker,
  kafkaClusterPicker,
  kafkaDeliveryPicker,
  legacyOptions,
} from './definitions';

/**
 * `KafkaDeliveryPicker` for apps on the old frontend system: place it inside
 * `<ScaffolderFieldExtensions>` of the scaffolder's route.
 *
 * @public
 */
export const KafkaDeliveryPickerFieldExtension = kafkaClustersPlugin.provide(
  createScaffolderFieldExtension(legacyOptions(kafkaDeliveryPicker)),
);

/**
 * `KafkaApplyClusterPicker` for apps on the old frontend system: place it inside
 * `<ScaffolderFieldExtensions>` of the scaffolder's route.
 *
 * @public
 */
export const KafkaApplyClusterPickerFieldExtension =
  kafkaClustersPlugin.provide(
    createScaffolderFieldExtension(legacyOptions(kafkaApplyClusterPicker)),
  );

/**
 * `KafkaClusterPicker` for apps on the old frontend system: place it inside
 * `<ScaffolderFieldExtensions>` of the scaffolder's route.
 *
 * @public
 */
export const KafkaClusterPickerFieldExtension = kafkaClustersPlugin.provide(
  createScaffolderFieldExtension(legacyOptions(kafkaClusterPicker)),
);
