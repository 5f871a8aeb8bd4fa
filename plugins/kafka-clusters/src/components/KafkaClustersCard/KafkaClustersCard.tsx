import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Card,
  CardBody,
  CardFooter,
  CardHeader,
  Flex,
  Link,
  Text,
} from '@backstage/ui';
import { namesKafkaClusters } from '../../entityFilter';
import { useEntityKafkaStatus } from '../../hooks/useEntityKafkaStatus';
import { HealthBadge } from '../common/HealthBadge';
import { KubernetesClusterErrors } from '../common/KubernetesClusterErrors';
import { LoadFailure } from '../common/LoadFailure';
import { LoadingState } from '../common/LoadingState';
import { sortWorstFirst } from '../common/order';
import { KafkaClusterLine } from './KafkaClusterLine';

/**
 * Props of the Kafka card ({@link EntityKafkaClustersCard} on the old frontend system).
 *
 * @public
 */
export interface KafkaClustersCardProps {
  /** Seconds between automatic refreshes; 0 turns them off. Default 30. */
  refreshIntervalSeconds?: number;
  /** Path of the Kafka tab below the entity page. Default `kafka`. */
  tabPath?: string;
}

/** The entity's Kafka clusters at a glance, one line each, worst first. */
export function KafkaClustersCard(props: KafkaClustersCardProps) {
  const { refreshIntervalSeconds = 30, tabPath = 'kafka' } = props;
  const { entity } = useEntity();
  const entityLink = useEntityRefLink();
  const { value, error, loading, loadedAt, retry } = useEntityKafkaStatus(
    refreshIntervalSeconds,
  );

  // An entity shown the card only for depending on some Resource, which turned out not to
  // be a Kafka cluster, gets no card rather than an overview that talks about nothing.
  if (
    value &&
    value.clusters.length === 0 &&
    value.errors.length === 0 &&
    !namesKafkaClusters(entity)
  ) {
    return null;
  }

  return (
    <Card>
      <CardHeader>
        <Flex justify="between" align="center">
          <Text as="h2" variant="title-small">
            Kafka
          </Text>
          {value && value.clusters.length > 0 && (
            <HealthBadge health={value.health} />
          )}
        </Flex>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="3">
          {loading && <LoadingState what="Kafka clusters" lines={2} />}
          {error && (
            <LoadFailure
              error={error}
              what="the Kafka clusters"
              keptFrom={value ? loadedAt : undefined}
              onRetry={retry}
            />
          )}
          {value && <KubernetesClusterErrors errors={value.errors} />}
          {value &&
            value.clusters.length === 0 &&
            value.errors.length === 0 && (
              <Text as="p">No Kafka cluster found for this entity.</Text>
            )}
          {value && value.clusters.length > 0 && (
            <ul
              aria-label="Kafka clusters"
              style={{ listStyle: 'none', margin: 0, padding: 0 }}
            >
              {sortWorstFirst(value.clusters).map(status => (
                <li
                  key={`${status.ref.cluster}/${status.ref.namespace}/${status.ref.name}`}
                  style={{ marginBottom: 'var(--bui-space-3)' }}
                >
                  <KafkaClusterLine status={status} />
                </li>
              ))}
            </ul>
          )}
        </Flex>
      </CardBody>
      <CardFooter>
        <Link href={`${entityLink(entity)}/${tabPath}`}>Kafka details</Link>
      </CardFooter>
    </Card>
  );
}
