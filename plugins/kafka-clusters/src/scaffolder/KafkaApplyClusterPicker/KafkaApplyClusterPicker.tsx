import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { Text } from '@backstage/ui';
import {
  applySettingKey,
  KafkaEnvironmentApplyCluster,
  KafkaEnvironmentDeliveriesResponse,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { useEffect } from 'react';
import { kafkaClustersApiRef } from '../../api';
import { applyClusterLabel, refuseApplyCluster } from '../common/deliveries';
import { FieldState } from '../common/FieldState';
import {
  FieldJsonSchema,
  OfferedSelect,
  templateValues,
} from '../common/OfferedSelect';
import { useEnvironmentDeliveries } from '../common/useEnvironmentDeliveries';
import { KafkaApplyClusterPickerProps } from './schema';

/** The clusters open to apply, narrowed to the template's enum when it has one. */
function offeredClusters(
  schema: FieldJsonSchema,
  deliveries: KafkaEnvironmentDeliveriesResponse,
): KafkaEnvironmentApplyCluster[] {
  const allowed = templateValues(schema);
  return deliveries.apply.clusters.filter(
    c => !allowed || allowed.includes(c.name),
  );
}

/** The namespace the form asked for, from the property `namespaceField` names. */
function namespaceOf(
  formData: unknown,
  namespaceField: string | undefined,
): unknown {
  return formData && typeof formData === 'object'
    ? (formData as Record<string, unknown>)[namespaceField ?? 'namespace']
    : undefined;
}

/**
 * The Kubernetes cluster to apply an environment to, listing only the clusters the
 * kafka-clusters backend reports open to direct apply
 * (`kafkaClusters.kubernetesClusters.<cluster>.apply`), each with the namespaces it accepts.
 * Says at once when the form's namespace is not among them.
 */
export function KafkaApplyClusterPicker(props: KafkaApplyClusterPickerProps) {
  const { schema, formData, onChange, uiSchema, formContext } = props;
  const {
    value: deliveries,
    error,
    loading,
    retry,
  } = useEnvironmentDeliveries();
  const offered = deliveries ? offeredClusters(schema, deliveries) : [];
  const offeredKey = offered.map(c => c.name).join(',');

  useEffect(() => {
    if (!deliveries) return;
    if (formData && offered.some(c => c.name === formData)) return;
    const only = offered.length === 1 ? offered[0].name : undefined;
    if (only !== formData) onChange(only);
    // offeredKey stands for offered, which is rebuilt on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [deliveries, formData, offeredKey, onChange]);

  if (loading || error || !deliveries || offered.length === 0) {
    return (
      <FieldState
        title={schema.title}
        what="the Kubernetes clusters open to direct apply"
        loading={loading}
        error={deliveries ? undefined : error}
        onRetry={retry}
        empty={{
          title: 'No Kubernetes cluster is open to direct apply',
          description: `None is open to it for you here (${applySettingKey(
            '<cluster>',
          )}); choose another delivery, or ask the platform team.`,
        }}
      />
    );
  }

  const refusal =
    formData &&
    refuseApplyCluster(
      formData,
      namespaceOf(
        formContext?.formData,
        uiSchema?.['ui:options']?.namespaceField,
      ),
      { ...deliveries, apply: { available: true, clusters: offered } },
    );
  return (
    <OfferedSelect
      field={props}
      offered={offered.map(c => ({
        value: c.name,
        label: applyClusterLabel(c),
      }))}
      notes={
        refusal && (
          <Text as="p" variant="body-small" color="danger" role="alert">
            {refusal}
          </Text>
        )
      }
    />
  );
}

/**
 * Refuses, when the step is submitted, a cluster that is not open to direct apply for the
 * user, or one whose namespace globs leave out the form's namespace. kafka:environment:apply
 * refuses the same.
 */
export const validateKafkaApplyCluster: CustomFieldValidator<
  string,
  { namespaceField?: string }
> = async (value, validation, { apiHolder, formData, schema, uiSchema }) => {
  const api = apiHolder.get(kafkaClustersApiRef);
  if (!api) {
    validation.addError(
      'The kafka-clusters plugin is not installed: the cluster cannot be checked',
    );
    return;
  }
  let deliveries: KafkaEnvironmentDeliveriesResponse;
  try {
    deliveries = await api.getEnvironmentDeliveries();
  } catch (e) {
    validation.addError(`Could not check the cluster: ${(e as Error).message}`);
    return;
  }
  const refusal = refuseApplyCluster(
    value,
    namespaceOf(formData, uiSchema?.['ui:options']?.namespaceField),
    {
      ...deliveries,
      apply: {
        available: true,
        clusters: offeredClusters(schema as FieldJsonSchema, deliveries),
      },
    },
  );
  if (refusal) validation.addError(refusal);
};
