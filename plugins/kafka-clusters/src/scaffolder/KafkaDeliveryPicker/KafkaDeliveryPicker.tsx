import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { Text } from '@backstage/ui';
import { KafkaEnvironmentDeliveriesResponse } from '@k8s-kafka/plugin-kafka-clusters-common';
import { useEffect } from 'react';
import { kafkaClustersApiRef } from '../../api';
import {
  DELIVERY_LABELS,
  deliveryUnavailable,
  KafkaDelivery,
  offeredDeliveries,
  refuseDelivery,
} from '../common/deliveries';
import { FieldState } from '../common/FieldState';
import {
  FieldJsonSchema,
  OfferedSelect,
  templateLabel,
  templateValues,
} from '../common/OfferedSelect';
import { useEnvironmentDeliveries } from '../common/useEnvironmentDeliveries';
import { KafkaDeliveryPickerProps } from './schema';

const ALL: KafkaDelivery[] = ['pull-request', 'apply'];

/** The template's choices: its enum, or every delivery when it names none. */
const choicesOf = (schema: FieldJsonSchema) => templateValues(schema) ?? ALL;

/**
 * The delivery of an environment, offering only what the kafka-clusters backend reports
 * (`GET /environments/deliveries`): a pull request where a GitHub integration has
 * credentials, direct apply where a Kubernetes cluster is open to it. The only choice is
 * chosen; a value that is not offered is let go, so the form never carries one.
 */
export function KafkaDeliveryPicker(props: KafkaDeliveryPickerProps) {
  const { schema, uiSchema, formData, onChange } = props;
  const {
    value: deliveries,
    error,
    loading,
    retry,
  } = useEnvironmentDeliveries();
  const choices = choicesOf(schema);
  const offered = deliveries ? offeredDeliveries(choices, deliveries) : [];
  const offeredKey = offered.join(',');

  useEffect(() => {
    if (!deliveries) return;
    if (formData && offered.includes(formData)) return;
    const only = offered.length === 1 ? offered[0] : undefined;
    if (only !== formData) onChange(only);
    // offeredKey stands for offered, which is rebuilt on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [deliveries, formData, offeredKey, onChange]);

  if (loading || error || !deliveries || offered.length === 0) {
    return (
      <FieldState
        title={schema.title}
        what="the deliveries this portal offers"
        loading={loading}
        error={deliveries ? undefined : error}
        onRetry={retry}
        empty={{
          title: 'No delivery is offered',
          description: notOffered(choices, deliveries).join('. '),
        }}
      />
    );
  }

  return (
    <OfferedSelect
      field={props}
      offered={offered.map(value => ({
        value,
        label: templateLabel(schema, uiSchema, value) ?? DELIVERY_LABELS[value],
      }))}
      notes={notOffered(choices, deliveries).map(reason => (
        <Text key={reason} as="p" variant="body-small" color="secondary">
          {reason}
        </Text>
      ))}
    />
  );
}

function notOffered(
  choices: readonly string[],
  deliveries: KafkaEnvironmentDeliveriesResponse | undefined,
): string[] {
  if (!deliveries) return [];
  return choices
    .filter((c): c is KafkaDelivery => ALL.includes(c as KafkaDelivery))
    .map(c => deliveryUnavailable(c, deliveries))
    .filter((reason): reason is string => reason !== undefined);
}

/**
 * Refuses, when the step is submitted, a delivery the backend does not offer (a value
 * pre-filled through `?formData=`, or one the field had no time to let go of). The steps
 * behind it refuse the same.
 */
export const validateKafkaDelivery: CustomFieldValidator<
  KafkaDelivery
> = async (value, validation, { apiHolder, schema }) => {
  const api = apiHolder.get(kafkaClustersApiRef);
  if (!api) {
    validation.addError(
      'The kafka-clusters plugin is not installed: the delivery cannot be checked',
    );
    return;
  }
  let deliveries: KafkaEnvironmentDeliveriesResponse;
  try {
    deliveries = await api.getEnvironmentDeliveries();
  } catch (e) {
    validation.addError(
      `Could not check the delivery: ${(e as Error).message}`,
    );
    return;
  }
  const refusal = refuseDelivery(
    value,
    choicesOf(schema as FieldJsonSchema),
    deliveries,
  );
  if (refusal) validation.addError(refusal);
};
