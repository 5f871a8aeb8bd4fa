import { Flex, Text } from '@backstage/ui';
import {
  HealthReason,
  HealthSeverity,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { RelativeTime } from './RelativeTime';
import { SEVERITY_LABEL } from './health';

const SEVERITY_COLOR: Record<
  HealthSeverity,
  'danger' | 'warning' | 'secondary'
> = {
  error: 'danger',
  warning: 'warning',
  info: 'secondary',
};

/**
 * Why a verdict is what it is: per reason what (the message), where (the Kubernetes
 * object), since when, and the proposed fix.
 */
export function ReasonList(props: { reasons: HealthReason[]; label?: string }) {
  const { reasons, label = 'Reasons' } = props;
  if (reasons.length === 0) return null;
  return (
    <ul aria-label={label} style={{ margin: 0, paddingLeft: '1.25rem' }}>
      {reasons.map((reason, index) => (
        <li key={`${reason.code}-${reason.resource.name}-${index}`}>
          <ReasonItem reason={reason} />
        </li>
      ))}
    </ul>
  );
}

function ReasonItem(props: { reason: HealthReason }) {
  const { reason } = props;
  const color = SEVERITY_COLOR[reason.severity];
  return (
    <Flex direction="column" gap="0.5">
      <Text as="p" variant="body-medium">
        <Text as="strong" weight="bold" color={color}>
          {SEVERITY_LABEL[reason.severity]}:
        </Text>{' '}
        {reason.message}
      </Text>
      <Text as="p" variant="body-small" color="secondary">
        {reason.resource.kind} {reason.resource.namespace}/
        {reason.resource.name}
        {reason.since && (
          <>
            {' · '}
            <RelativeTime iso={reason.since} prefix="since " />
          </>
        )}
      </Text>
      {reason.fix && (
        <Text as="p" variant="body-small">
          <Text as="strong" weight="bold">
            Proposed fix:
          </Text>{' '}
          {reason.fix}
        </Text>
      )}
    </Flex>
  );
}
