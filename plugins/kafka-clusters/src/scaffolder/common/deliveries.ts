import {
  applySettingKey,
  KafkaEnvironmentApplyCluster,
  KafkaEnvironmentDeliveriesResponse,
  matchesGlob,
} from '@k8s-kafka/plugin-kafka-clusters-common';

/** The deliveries the fields know, as the create template spells them. */
export type KafkaDelivery = 'pull-request' | 'apply';

/** Labels for a template whose schema names no `enumNames` of its own. */
export const DELIVERY_LABELS: Record<KafkaDelivery, string> = {
  'pull-request': 'Pull request to the GitOps repository',
  apply: 'Apply directly to a Kubernetes cluster',
};

/** Why a delivery is not offered, in words a platform engineer can act on. */
export function deliveryUnavailable(
  delivery: KafkaDelivery,
  deliveries: KafkaEnvironmentDeliveriesResponse,
): string | undefined {
  if (delivery === 'pull-request' && !deliveries.pullRequest.available) {
    return 'Pull request is not offered: no GitHub integration of this portal has a token or an app (integrations.github)';
  }
  if (delivery === 'apply' && !deliveries.apply.available) {
    return `Direct apply is not offered: no Kubernetes cluster is open to it for you (${applySettingKey(
      '<cluster>',
    )})`;
  }
  return undefined;
}

/** The template's choices that this portal offers, in the template's order. */
export function offeredDeliveries(
  choices: readonly string[],
  deliveries: KafkaEnvironmentDeliveriesResponse,
): KafkaDelivery[] {
  return choices.filter(
    (choice): choice is KafkaDelivery =>
      (choice === 'pull-request' || choice === 'apply') &&
      deliveryUnavailable(choice, deliveries) === undefined,
  );
}

/** Why a delivery value cannot be submitted, when it cannot. */
export function refuseDelivery(
  value: unknown,
  choices: readonly string[],
  deliveries: KafkaEnvironmentDeliveriesResponse,
): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (
    typeof value !== 'string' ||
    !choices.includes(value) ||
    !(value in DELIVERY_LABELS)
  ) {
    return `Unknown delivery '${String(value)}'`;
  }
  return deliveryUnavailable(value as KafkaDelivery, deliveries);
}

/** How a cluster open to apply reads in the list. */
export function applyClusterLabel(cluster: KafkaEnvironmentApplyCluster) {
  const where = `namespaces ${cluster.namespaces.join(', ')}`;
  return cluster.title
    ? `${cluster.name}: ${cluster.title} (${where})`
    : `${cluster.name} (${where})`;
}

/**
 * Why an apply cluster cannot be submitted, when it cannot: not open to apply for the user,
 * or not for the namespace the form asked for.
 */
export function refuseApplyCluster(
  value: unknown,
  namespace: unknown,
  deliveries: KafkaEnvironmentDeliveriesResponse,
): string | undefined {
  if (value === undefined || value === '') return undefined;
  const cluster = deliveries.apply.clusters.find(c => c.name === value);
  if (!cluster) {
    return `Kubernetes cluster '${String(
      value,
    )}' is not open to direct apply for you (${applySettingKey(
      String(value),
    )})`;
  }
  if (
    typeof namespace === 'string' &&
    namespace !== '' &&
    !cluster.namespaces.some(glob => matchesGlob(namespace, glob))
  ) {
    return `Namespace '${namespace}' does not accept direct apply on ${
      cluster.name
    }: only ${cluster.namespaces.join(', ')} (${applySettingKey(
      cluster.name,
      'namespaces',
    )})`;
  }
  return undefined;
}
