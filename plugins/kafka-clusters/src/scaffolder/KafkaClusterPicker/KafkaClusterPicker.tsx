import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { Flex, Radio, RadioGroup, Text } from '@backstage/ui';
import {
  KafkaClusterStatus,
  KafkaEntityStatusResponse,
  stringifyKafkaClusterRef,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { useEffect } from 'react';
import { kafkaClustersApiRef } from '../../api';
import { HealthBadge } from '../../components/common/HealthBadge';
import { OPERATOR_LABEL } from '../../components/common/health';
import { KubernetesClusterErrors } from '../../components/common/KubernetesClusterErrors';
import { readyOfDesired, sortWorstFirst } from '../../components/common/order';
import { FieldState } from '../common/FieldState';
import {
  isKafkaClusterRef,
  isUnset,
  refuseKafkaCluster,
  sameKafkaCluster,
  serviceOf,
  serviceProblem,
} from '../common/serviceClusters';
import { useServiceKafkaClusters } from '../common/useServiceKafkaClusters';
import { KafkaClusterPickerProps } from './schema';

/**
 * One of the Kafka clusters of the service the form names (`ui:options.serviceField`,
 * default `service`), each with its verdict, from the kafka-clusters backend's entity route
 * (what the service's Kafka tab shows). A value that is not among them (one pre-filled
 * through `?formData=`) is kept and refused, so the user sees what was asked for and why it
 * cannot be; the only cluster is chosen when nothing is.
 */
export function KafkaClusterPicker(props: KafkaClusterPickerProps) {
  const {
    schema,
    uiSchema,
    formData,
    onChange,
    formContext,
    idSchema,
    required,
  } = props;
  const service = serviceOf(
    formContext?.formData,
    uiSchema?.['ui:options']?.serviceField,
  );
  const serviceRef = service.state === 'chosen' ? service.ref : undefined;
  const {
    value: status,
    error,
    loading,
    retry,
  } = useServiceKafkaClusters(serviceRef);
  const clusters = status ? sortWorstFirst(status.clusters) : [];
  // A string, so that the effect runs when the only cluster changes, not on every render.
  const only =
    clusters.length === 1
      ? JSON.stringify({
          cluster: clusters[0].ref.cluster,
          namespace: clusters[0].ref.namespace,
          name: clusters[0].ref.name,
        })
      : '';

  useEffect(() => {
    if (only !== '' && isUnset(formData)) onChange(JSON.parse(only));
  }, [only, formData, onChange]);

  const problem = serviceProblem(service);
  if (problem) {
    return (
      <Flex direction="column" gap="2">
        {schema.title && <Text weight="bold">{schema.title}</Text>}
        <Text
          as="p"
          variant="body-small"
          color={service.state === 'invalid' ? 'danger' : 'secondary'}
          role={service.state === 'invalid' ? 'alert' : undefined}
        >
          {problem}
        </Text>
      </Flex>
    );
  }
  const serviceText = service.state === 'chosen' ? service.text : '';
  const what = `the Kafka clusters of ${serviceText}`;

  if (loading || !status || clusters.length === 0) {
    return (
      <FieldState
        title={schema.title}
        what={what}
        loading={loading}
        error={status ? undefined : error}
        onRetry={retry}
        empty={
          status && {
            title: 'This service has no Kafka clusters',
            description: (
              <>
                The kafka-clusters backend finds none for {serviceText}: its
                Kafka tab explains how a service is tied to its clusters.
                {status.errors.length > 0 &&
                  ' Some Kubernetes clusters could not be read (below), so one may be missing.'}
              </>
            ),
          }
        }
      >
        {status && <KubernetesClusterErrors errors={status.errors} />}
      </FieldState>
    );
  }

  const chosen = isKafkaClusterRef(formData)
    ? clusters.find(c => sameKafkaCluster(c.ref, formData))
    : undefined;
  const refusal = refuseKafkaCluster(formData, serviceText, status);
  return (
    <Flex direction="column" gap="2">
      <RadioGroup
        id={idSchema.$id}
        label={schema.title}
        description={schema.description}
        isRequired={required}
        // The form's schema and this field's validation decide; a native `required` on the
        // radios would stop the browser from submitting the step, silently.
        validationBehavior="aria"
        isInvalid={refusal !== undefined}
        value={chosen ? stringifyKafkaClusterRef(chosen.ref) : null}
        onChange={key => {
          const picked = clusters.find(
            c => stringifyKafkaClusterRef(c.ref) === key,
          );
          if (picked) {
            const { cluster, namespace, name } = picked.ref;
            onChange({ cluster, namespace, name });
          }
        }}
      >
        {clusters.map(c => (
          <Radio
            key={stringifyKafkaClusterRef(c.ref)}
            value={stringifyKafkaClusterRef(c.ref)}
          >
            <ClusterChoice status={c} />
          </Radio>
        ))}
      </RadioGroup>
      {refusal && (
        <Text as="p" variant="body-small" color="danger" role="alert">
          {refusal}
        </Text>
      )}
      {status.errors.length > 0 && (
        <>
          <Text as="p" variant="body-small" color="secondary">
            Some Kubernetes clusters could not be read, so this list may miss a
            Kafka cluster of the service:
          </Text>
          <KubernetesClusterErrors errors={status.errors} />
        </>
      )}
    </Flex>
  );
}

/** A cluster as its line on the Kafka tab reads: verdict, name, where, operator, brokers. */
function ClusterChoice(props: { status: KafkaClusterStatus }) {
  const { status } = props;
  return (
    <Flex gap="3" align="center" style={{ flexWrap: 'wrap' }}>
      {/* The spaces between the parts keep the radio's accessible name readable. */}
      <HealthBadge health={status.health} />{' '}
      <Text as="span" weight="bold">
        {status.ref.name}
      </Text>{' '}
      <Text as="span" color="secondary">
        {status.ref.cluster} / {status.ref.namespace}
      </Text>{' '}
      <Text as="span" color="secondary">
        {OPERATOR_LABEL[status.operator]}
      </Text>{' '}
      <Text as="span">Brokers {readyOfDesired(status.brokers)} ready</Text>
    </Flex>
  );
}

/**
 * Refuses, when the step is submitted, a value that is not one of the service's Kafka
 * clusters as the backend lists them now (a pre-filled one, or one of a service chosen
 * before). The clone's steps read the source again and refuse what they cannot read.
 */
export const validateKafkaCluster: CustomFieldValidator<
  unknown,
  { serviceField?: string }
> = async (value, validation, { apiHolder, formData, uiSchema }) => {
  if (isUnset(value)) return;
  const service = serviceOf(formData, uiSchema?.['ui:options']?.serviceField);
  if (service.state !== 'chosen') {
    validation.addError(serviceProblem(service)!);
    return;
  }
  const api = apiHolder.get(kafkaClustersApiRef);
  if (!api) {
    validation.addError(
      'The kafka-clusters plugin is not installed: the Kafka cluster cannot be checked',
    );
    return;
  }
  let status: KafkaEntityStatusResponse;
  try {
    status = await api.getEntityStatus(service.ref);
  } catch (e) {
    validation.addError(
      `Could not check the Kafka cluster: ${(e as Error).message}`,
    );
    return;
  }
  const refusal = refuseKafkaCluster(value, service.text, status);
  if (refusal) validation.addError(refusal);
};
