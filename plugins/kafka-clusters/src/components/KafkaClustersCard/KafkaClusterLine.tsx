import { Flex, Text } from '@backstage/ui';
import { KafkaClusterStatus } from '@k8s-kafka/plugin-kafka-clusters-common';
import { HealthBadge } from '../common/HealthBadge';
import { mainReason, readyOfDesired } from '../common/order';
import { formatDuration } from '../common/time';

/**
 * One Kafka cluster on one line: verdict, name, where it runs, brokers ready, and the
 * main reason when it is not healthy.
 */
export function KafkaClusterLine(props: { status: KafkaClusterStatus }) {
  const { status } = props;
  const reason = mainReason(status.health, status.reasons);
  return (
    <Flex direction="column" gap="1">
      <Flex gap="3" align="center" style={{ flexWrap: 'wrap' }}>
        {/* The spaces between the parts keep the line readable to screen readers. */}
        <HealthBadge health={status.health} />{' '}
        <Text as="span" weight="bold">
          {status.ref.name}
        </Text>{' '}
        <Text as="span" color="secondary">
          {status.ref.cluster} / {status.ref.namespace}
        </Text>{' '}
        <Text as="span">Brokers {readyOfDesired(status.brokers)} ready</Text>{' '}
        {status.freshness.stale && (
          <Text as="span" color="warning">
            Stale: {formatDuration(status.freshness.ageSeconds)} old
          </Text>
        )}
      </Flex>
      {reason && (
        <Text as="p" variant="body-small">
          {reason.message}
        </Text>
      )}
    </Flex>
  );
}
