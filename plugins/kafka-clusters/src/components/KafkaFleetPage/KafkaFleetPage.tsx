import { Alert, Flex, Text } from '@backstage/ui';
import { useMemo } from 'react';
import { useKafkaClusterEntities } from '../../hooks/useKafkaClusterEntities';
import { useKafkaFleet } from '../../hooks/useKafkaFleet';
import { LoadFailure } from '../common/LoadFailure';
import { LoadingState } from '../common/LoadingState';
import { RefreshNote } from '../common/RefreshNote';
import { VerdictScopeNote } from '../common/VerdictScopeNote';
import { FleetSummary } from './FleetSummary';
import { FleetTable } from './FleetTable';
import { KubernetesClustersTable } from './KubernetesClustersTable';

/**
 * Props of the Kafka fleet page ({@link KafkaClustersPage} on the old frontend system).
 *
 * @public
 */
export interface KafkaFleetPageProps {
  /** Seconds between automatic refreshes; 0 turns them off. Default 30. */
  refreshIntervalSeconds?: number;
}

/**
 * The fleet: every Kafka cluster of every Kubernetes cluster, worst first, and the
 * Kubernetes clusters with the state of the backend's cache of each.
 */
export function KafkaFleetPage(props: KafkaFleetPageProps) {
  const { refreshIntervalSeconds = 30 } = props;
  const { value, error, loading, loadedAt, retry } = useKafkaFleet(
    refreshIntervalSeconds,
  );
  const entities = useKafkaClusterEntities();
  const kubernetesClusterNames = useMemo(
    () =>
      [
        ...new Set([
          ...(value?.kubernetesClusters.map(c => c.name) ?? []),
          ...(value?.clusters.map(c => c.ref.cluster) ?? []),
        ]),
      ].sort(),
    [value],
  );

  return (
    <Flex direction="column" gap="5" p="4">
      <Flex justify="between" align="center" style={{ flexWrap: 'wrap' }}>
        {value ? <FleetSummary clusters={value.clusters} /> : <span />}
        <RefreshNote
          loadedAt={loadedAt}
          intervalSeconds={refreshIntervalSeconds}
        />
      </Flex>
      <VerdictScopeNote />
      {loading && <LoadingState what="the Kafka fleet" lines={5} />}
      {error && (
        <LoadFailure
          error={error}
          what="the Kafka fleet"
          keptFrom={value ? loadedAt : undefined}
          onRetry={retry}
        />
      )}
      {value && value.clusters.length === 0 && (
        <Alert
          status="info"
          icon
          title="No Kafka cluster found on any Kubernetes cluster"
          description="The backend lists the Kafka resources of Confluent for Kubernetes and Strimzi on the Kubernetes clusters configured for the Kubernetes plugin. See below which clusters it reads and what they report."
        />
      )}
      {value && (
        <>
          <section aria-labelledby="kafka-fleet-clusters">
            <Flex direction="column" gap="3">
              <Text as="h2" variant="title-small" id="kafka-fleet-clusters">
                Kafka clusters
              </Text>
              <FleetTable
                clusters={value.clusters}
                kubernetesClusterNames={kubernetesClusterNames}
                entities={entities}
              />
            </Flex>
          </section>
          <section aria-labelledby="kafka-fleet-kubernetes">
            <Flex direction="column" gap="3">
              <Text as="h2" variant="title-small" id="kafka-fleet-kubernetes">
                Kubernetes clusters
              </Text>
              <KubernetesClustersTable clusters={value.kubernetesClusters} />
            </Flex>
          </section>
        </>
      )}
    </Flex>
  );
}
