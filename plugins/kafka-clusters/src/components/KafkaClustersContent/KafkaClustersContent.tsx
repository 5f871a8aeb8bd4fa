import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import { Flex, Text } from '@backstage/ui';
import { stringifyKafkaClusterRef } from '@k8s-kafka/plugin-kafka-clusters-common';
import { useEntityKafkaStatus } from '../../hooks/useEntityKafkaStatus';
import { useKafkaClusterEntities } from '../../hooks/useKafkaClusterEntities';
import { useKubernetesDashboards } from '../../hooks/useKubernetesDashboards';
import { HealthBadge } from '../common/HealthBadge';
import { KubernetesClusterErrors } from '../common/KubernetesClusterErrors';
import { LoadFailure } from '../common/LoadFailure';
import { LoadingState } from '../common/LoadingState';
import { sortWorstFirst } from '../common/order';
import { RefreshNote } from '../common/RefreshNote';
import { VerdictScopeNote } from '../common/VerdictScopeNote';
import { buildClusterLinks } from './clusterLinks';
import { KafkaClusterPanel } from './KafkaClusterPanel';
import { NoKafkaFound } from './NoKafkaFound';

/**
 * Props of the Kafka tab ({@link EntityKafkaClustersContent} on the old frontend system).
 *
 * @public
 */
export interface KafkaClustersContentProps {
  /** Seconds between automatic refreshes; 0 turns them off. Default 30. */
  refreshIntervalSeconds?: number;
}

/**
 * The Kafka tab: every Kafka cluster of the entity, worst first, each opening onto its
 * reasons, facts and details; errors of Kubernetes clusters beside them.
 */
export function KafkaClustersContent(props: KafkaClustersContentProps) {
  const { refreshIntervalSeconds = 30 } = props;
  const { entity } = useEntity();
  const entityHref = useEntityRefLink();
  const { value, error, loading, loadedAt, retry } = useEntityKafkaStatus(
    refreshIntervalSeconds,
  );
  const { resourceFor } = useKafkaClusterEntities();
  const dashboards = useKubernetesDashboards();

  return (
    <Flex direction="column" gap="4">
      <Flex justify="between" align="center" style={{ flexWrap: 'wrap' }}>
        <Flex gap="3" align="center">
          <Text as="h2" variant="title-small">
            Kafka clusters
          </Text>
          {value && value.clusters.length > 0 && (
            <HealthBadge health={value.health} />
          )}
        </Flex>
        <RefreshNote
          loadedAt={loadedAt}
          intervalSeconds={refreshIntervalSeconds}
        />
      </Flex>
      <VerdictScopeNote />
      {loading && <LoadingState what="Kafka clusters" />}
      {error && (
        <LoadFailure
          error={error}
          what="the Kafka clusters"
          keptFrom={value ? loadedAt : undefined}
          onRetry={retry}
        />
      )}
      {value && (
        <>
          <KubernetesClusterErrors errors={value.errors} />
          {value.clusters.length === 0 && value.errors.length === 0 && (
            <NoKafkaFound
              entityName={entity.metadata.title ?? entity.metadata.name}
            />
          )}
          {sortWorstFirst(value.clusters).map(status => {
            const key = stringifyKafkaClusterRef(status.ref);
            const resourceEntity = resourceFor(status.ref);
            return (
              <KafkaClusterPanel
                key={key}
                entity={entity}
                status={status}
                kubernetesClusterFailing={value.errors.some(
                  e => e.cluster === status.ref.cluster,
                )}
                resourceEntity={resourceEntity}
                links={buildClusterLinks({
                  status,
                  entity,
                  entityHref,
                  resourceEntity,
                  dashboards,
                })}
                fetchedAt={loadedAt}
                expandedByDefault={
                  value.clusters.length === 1 || status.health !== 'healthy'
                }
              />
            );
          })}
        </>
      )}
    </Flex>
  );
}
