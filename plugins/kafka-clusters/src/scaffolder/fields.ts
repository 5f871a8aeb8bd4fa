import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  kafkaApplyClusterPicker,
  kafkaClusterPicker,
  kafkaDeliveryPicker,
} from './definitions';

// Loaded by the form-field extensions only when the scaffolder builds a form.

export const kafkaDeliveryPickerField = createFormField(kafkaDeliveryPicker);

export const kafkaApplyClusterPickerField = createFormField(
  kafkaApplyClusterPicker,
);

export const kafkaClusterPickerField = createFormField(kafkaClusterPicker);
