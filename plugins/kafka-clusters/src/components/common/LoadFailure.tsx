import { ResponseError } from '@backstage/errors';
import { Alert, Button } from '@backstage/ui';
import { formatDuration } from './time';

/**
 * A failed load. With data already on screen it says the data is kept and how old it
 * is; without, it is the only thing to show.
 */
export function LoadFailure(props: {
  error: Error;
  what: string;
  /** Epoch ms of the data still shown, if any. */
  keptFrom?: number;
  onRetry: () => void;
}) {
  const { error, what, keptFrom, onRetry } = props;
  const title =
    keptFrom === undefined
      ? `Could not load ${what}`
      : `Could not refresh ${what}; showing what was loaded ${formatDuration(
          (Date.now() - keptFrom) / 1000,
        )} ago`;
  return (
    <Alert
      status={keptFrom === undefined ? 'danger' : 'warning'}
      icon
      title={title}
      description={describeError(error)}
      customActions={
        <Button size="small" variant="secondary" onPress={onRetry}>
          Retry
        </Button>
      }
    />
  );
}

/** The backend's own words first: a ResponseError's message only gives the status. */
function describeError(error: Error): string {
  if (ResponseError.is(error) && error.cause.message) {
    return `${error.cause.message} (${error.message})`;
  }
  return error.message;
}
