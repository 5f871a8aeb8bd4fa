import { Alert, Text } from '@backstage/ui';
import { KafkaStatusFreshness } from '@k8s-kafka/plugin-kafka-clusters-common';
import { formatDuration } from './time';

/**
 * How old a status is. Stale data is called out with its age, because its verdict is
 * `unknown` however good the last one was; fresh data gets a quiet note.
 */
export function DataFreshness(props: {
  freshness: KafkaStatusFreshness;
  /** Epoch ms the status was fetched, to age it further while it is on screen. */
  fetchedAt?: number;
}) {
  const { freshness, fetchedAt } = props;
  const age =
    freshness.ageSeconds +
    (fetchedAt ? Math.max(0, (Date.now() - fetchedAt) / 1000) : 0);
  if (freshness.stale) {
    return (
      <Alert
        status="warning"
        icon
        title={`Stale data: last known ${formatDuration(age)} ago`}
        description="The backend could not confirm this status recently, so its verdict is Unknown. See the Kubernetes cluster's error for why."
      />
    );
  }
  return (
    <Text as="p" variant="body-small" color="secondary">
      Observed {formatDuration(age)} ago
    </Text>
  );
}
