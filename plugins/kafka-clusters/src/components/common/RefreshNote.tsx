import { Text } from '@backstage/ui';
import { formatDuration } from './time';

/** When the data on screen was loaded, and how often it reloads. */
export function RefreshNote(props: {
  loadedAt?: number;
  intervalSeconds: number;
}) {
  const { loadedAt, intervalSeconds } = props;
  if (loadedAt === undefined) return null;
  const loaded = new Date(loadedAt);
  return (
    <Text as="p" variant="body-small" color="secondary">
      Loaded at{' '}
      <time dateTime={loaded.toISOString()}>{loaded.toLocaleTimeString()}</time>
      {intervalSeconds > 0
        ? ` · refreshes every ${formatDuration(intervalSeconds)}`
        : ' · automatic refresh off'}
    </Text>
  );
}
