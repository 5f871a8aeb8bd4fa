import { Alert, Flex, Text } from '@backstage/ui';
import { ReactNode } from 'react';
import { LoadFailure } from '../../components/common/LoadFailure';
import { LoadingState } from '../../components/common/LoadingState';

/**
 * What a field shows instead of its choices: while they load, when they could not be loaded,
 * and when there are none. Titled like the field, so the page still says what it asks.
 */
export function FieldState(props: {
  title?: string;
  what: string;
  loading: boolean;
  error?: Error;
  onRetry: () => void;
  /** Shown when there is nothing to choose from. */
  empty?: { title: string; description: ReactNode };
  /** Shown below, whatever the state. */
  children?: ReactNode;
}) {
  const { title, what, loading, error, onRetry, empty, children } = props;
  let body: ReactNode = null;
  if (loading) body = <LoadingState what={what} lines={1} />;
  else if (error)
    body = <LoadFailure error={error} what={what} onRetry={onRetry} />;
  else if (empty) {
    body = (
      <Alert
        status="warning"
        icon
        title={empty.title}
        description={empty.description}
      />
    );
  }
  return (
    <Flex direction="column" gap="2">
      {title && <Text weight="bold">{title}</Text>}
      {body}
      {children}
    </Flex>
  );
}
