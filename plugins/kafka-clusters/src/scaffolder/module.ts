import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';

/** `scaffolder-form-field:scaffolder/kafka-delivery-picker`. */
export const kafkaDeliveryPickerFormField = FormFieldBlueprint.make({
  name: 'kafka-delivery-picker',
  params: {
    field: () => import('./fields').then(m => m.kafkaDeliveryPickerField),
  },
});

/** `scaffolder-form-field:scaffolder/kafka-apply-cluster-picker`. */
export const kafkaApplyClusterPickerFormField = FormFieldBlueprint.make({
  name: 'kafka-apply-cluster-picker',
  params: {
    field: () => import('./fields').then(m => m.kafkaApplyClusterPickerField),
  },
});

/** `scaffolder-form-field:scaffolder/kafka-cluster-picker`. */
export const kafkaClusterPickerFormField = FormFieldBlueprint.make({
  name: 'kafka-cluster-picker',
  params: {
    field: () => import('./fields').then(m => m.kafkaClusterPickerField),
  },
});

/**
 * The kafka-clusters form fields of the scaffolder, for the new frontend system:
 * `KafkaDeliveryPicker`, `KafkaApplyClusterPicker` and `KafkaClusterPicker`. A module of
 * the scaffolder plugin (its fields attach to `api:scaffolder/form-fields`); install it
 * beside the kafka-clusters plugin, whose API client the fields use.
 *
 * @public
 */
export const kafkaClustersScaffolderModule = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: [
    kafkaDeliveryPickerFormField,
    kafkaApplyClusterPickerFormField,
    kafkaClusterPickerFormField,
  ],
});
