import { Entity } from '@backstage/catalog-model';
import {
  KafkaClusterStatus,
  KUBERNETES_ANNOTATIONS,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { ClusterLink } from './ClusterLinks';

/**
 * Where to look further at a Kafka cluster: the entity's Kubernetes tab, the Kubernetes
 * cluster's dashboard, the catalog's Resource and its links, and Control Center.
 */
export function buildClusterLinks(options: {
  status: KafkaClusterStatus;
  entity: Entity;
  entityHref: (entity: Entity) => string;
  resourceEntity?: Entity;
  dashboards: Record<string, string>;
}): ClusterLink[] {
  const { status, entity, entityHref, resourceEntity, dashboards } = options;
  const links: ClusterLink[] = [];
  if (hasKubernetesTab(entity)) {
    links.push({
      title: 'Kubernetes tab',
      href: `${entityHref(entity)}/kubernetes`,
    });
  }
  const isOtherEntity = resourceEntity && !sameEntity(resourceEntity, entity);
  // The catalog module labels its Resources for the Kubernetes plugin, so a service that
  // only depends on a shared cluster still reaches that cluster's pods.
  if (resourceEntity && isOtherEntity && hasKubernetesTab(resourceEntity)) {
    links.push({
      title: `Kubernetes tab of ${displayName(resourceEntity)}`,
      href: `${entityHref(resourceEntity)}/kubernetes`,
    });
  }
  const dashboard = dashboards[status.ref.cluster];
  if (dashboard) {
    links.push({
      title: `Kubernetes dashboard (${status.ref.cluster})`,
      href: dashboard,
    });
  }
  if (resourceEntity && isOtherEntity) {
    links.push({
      title: `Catalog entity ${displayName(resourceEntity)}`,
      href: entityHref(resourceEntity),
    });
  }
  for (const link of resourceEntity?.metadata.links ?? []) {
    links.push({ title: link.title ?? link.url, href: link.url });
  }
  for (const component of status.components) {
    if (component.type === 'control-center' && component.endpoint) {
      links.push({
        title: `Control Center ${component.name}`,
        href: component.endpoint,
      });
    }
  }
  // The catalog module copies the Kubernetes dashboard into the Resource's links too.
  return links.filter(
    (link, index) =>
      links.findIndex(other => other.href === link.href) === index,
  );
}

/** The Kubernetes plugin shows its tab only for these two annotations. */
function hasKubernetesTab(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[KUBERNETES_ANNOTATIONS.id] ||
      annotations[KUBERNETES_ANNOTATIONS.labelSelector],
  );
}

function displayName(entity: Entity): string {
  return entity.metadata.title ?? entity.metadata.name;
}

function sameEntity(a: Entity, b: Entity): boolean {
  return (
    a.kind.toLocaleLowerCase('en-US') === b.kind.toLocaleLowerCase('en-US') &&
    (a.metadata.namespace ?? 'default') ===
      (b.metadata.namespace ?? 'default') &&
    a.metadata.name === b.metadata.name
  );
}
