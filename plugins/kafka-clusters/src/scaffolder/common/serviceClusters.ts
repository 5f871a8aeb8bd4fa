import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  KafkaClusterRef,
  KafkaEntityStatusResponse,
  stringifyKafkaClusterRef,
} from '@k8s-kafka/plugin-kafka-clusters-common';

/** The service a form names, read from the property `serviceField` names. */
export type FormService =
  | { state: 'none' }
  | { state: 'invalid'; text: string }
  | { state: 'chosen'; ref: CompoundEntityRef; text: string };

/**
 * The service of the form. The EntityPicker writes full refs; a hand-written `?formData=`
 * may leave out the kind or namespace, which then default as in the catalog.
 */
export function serviceOf(
  formData: unknown,
  serviceField: string | undefined,
): FormService {
  const value =
    formData && typeof formData === 'object'
      ? (formData as Record<string, unknown>)[serviceField ?? 'service']
      : undefined;
  if (value === undefined || value === null || value === '') {
    return { state: 'none' };
  }
  if (typeof value !== 'string') {
    return { state: 'invalid', text: JSON.stringify(value) };
  }
  try {
    const ref = parseEntityRef(value, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
    return { state: 'chosen', ref, text: stringifyEntityRef(ref) };
  } catch {
    return { state: 'invalid', text: value };
  }
}

/**
 * Whether a value is unset: RJSF starts object fields as `{}`, and the template's schema
 * (its `required`) speaks for a missing one.
 */
export function isUnset(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'object' &&
      !Array.isArray(value) &&
      Object.values(value as object).every(v => v === undefined || v === ''))
  );
}

/** Whether a value has the field's shape, `{ cluster, namespace, name }` of strings. */
export function isKafkaClusterRef(value: unknown): value is KafkaClusterRef {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const { cluster, namespace, name } = value as Record<string, unknown>;
  return (
    typeof cluster === 'string' &&
    typeof namespace === 'string' &&
    typeof name === 'string'
  );
}

/** The same Kafka cluster, whatever other properties a value carries. */
export function sameKafkaCluster(a: KafkaClusterRef, b: KafkaClusterRef) {
  return (
    a.cluster === b.cluster && a.namespace === b.namespace && a.name === b.name
  );
}

/** Why the service cannot be asked for its clusters, when it cannot. */
export function serviceProblem(service: FormService): string | undefined {
  if (service.state === 'none') {
    return 'Choose the service first: its Kafka clusters are listed here';
  }
  if (service.state === 'invalid') {
    return `'${service.text}' is not an entity ref (kind:namespace/name)`;
  }
  return undefined;
}

/**
 * Why a value cannot be submitted, when it cannot: not of the field's shape, or not one of
 * the Kafka clusters the backend finds for the service. An unset value is left to the schema.
 */
export function refuseKafkaCluster(
  value: unknown,
  serviceRef: string,
  status: KafkaEntityStatusResponse,
): string | undefined {
  if (isUnset(value)) return undefined;
  if (!isKafkaClusterRef(value)) {
    return `${JSON.stringify(
      value,
    )} is not a Kafka cluster: expected { cluster, namespace, name }`;
  }
  if (status.clusters.some(c => sameKafkaCluster(c.ref, value))) {
    return undefined;
  }
  const unread = status.errors.map(e => e.cluster);
  return `Kafka cluster ${stringifyKafkaClusterRef(
    value,
  )} is not one of the Kafka clusters of ${serviceRef}${
    unread.length > 0
      ? ` (Kubernetes clusters that could not be read: ${[
          ...new Set(unread),
        ].join(', ')})`
      : ''
  }`;
}
