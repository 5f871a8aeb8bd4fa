import { Flex, Text } from '@backstage/ui';
import {
  KafkaClusterSummary,
  KAFKA_HEALTH_ORDER,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { HealthBadge } from '../common/HealthBadge';

/** How many Kafka clusters have each verdict, worst first. */
export function FleetSummary(props: { clusters: KafkaClusterSummary[] }) {
  return (
    <Flex gap="4" align="center" style={{ flexWrap: 'wrap' }}>
      <Text as="p">{props.clusters.length} Kafka clusters</Text>
      <ul
        aria-label="Kafka clusters by verdict"
        style={{
          display: 'flex',
          gap: 'var(--bui-space-3)',
          listStyle: 'none',
          margin: 0,
          padding: 0,
        }}
      >
        {KAFKA_HEALTH_ORDER.map(health => {
          const count = props.clusters.filter(c => c.health === health).length;
          return count === 0 ? null : (
            <li key={health}>
              <Flex gap="1" align="center">
                <Text as="span" weight="bold">
                  {count}
                </Text>
                <HealthBadge health={health} />
              </Flex>
            </li>
          );
        })}
      </ul>
    </Flex>
  );
}
