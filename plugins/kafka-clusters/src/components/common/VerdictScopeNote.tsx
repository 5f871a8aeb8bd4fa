import { Text } from '@backstage/ui';

/** What the verdict does and does not cover, so nobody reads more into a green badge. */
export function VerdictScopeNote() {
  return (
    <Text as="p" variant="body-small" color="secondary">
      The verdict covers what the Kubernetes operator and the pods report:
      reconciliation, brokers, controllers, components, topics, users and links.
      It does not cover partition-level data-plane metrics such as
      under-replicated partitions or consumer lag; watch those in your Kafka
      monitoring.
    </Text>
  );
}
