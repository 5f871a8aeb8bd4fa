import { Flex, Skeleton, VisuallyHidden } from '@backstage/ui';

/** Placeholder lines while the first load runs, announced to screen readers. */
export function LoadingState(props: { what: string; lines?: number }) {
  const { what, lines = 3 } = props;
  return (
    <Flex direction="column" gap="2" role="status">
      <VisuallyHidden>Loading {what}…</VisuallyHidden>
      {Array.from({ length: lines }, (_, index) => (
        <Skeleton key={index} width="100%" height={20} />
      ))}
    </Flex>
  );
}
