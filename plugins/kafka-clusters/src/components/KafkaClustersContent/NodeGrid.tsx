import { Flex, Text } from '@backstage/ui';
import {
  KafkaNodeGroupStatus,
  KafkaNodeRole,
  KafkaNodeStatus,
  KafkaVolumeStatus,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { HealthBadge } from '../common/HealthBadge';
import { readyOfDesired } from '../common/order';
import { RelativeTime } from '../common/RelativeTime';
import styles from './NodeGrid.module.css';
import { memo } from 'react';

const ROLE_LABEL: Record<KafkaNodeRole, string> = {
  broker: 'Broker',
  controller: 'Controller',
  zookeeper: 'ZooKeeper',
};

/**
 * Brokers or controllers as a grid by ordinal or node id: per node whether it is ready,
 * its restarts, its last termination and its volumes.
 */
export const NodeGrid = memo(
  (props: { title: string; group: KafkaNodeGroupStatus }) => {
    const { title, group } = props;
    return (
      <section aria-label={title}>
        <Flex direction="column" gap="2">
          <Text as="h4" variant="title-x-small">
            {title}: {readyOfDesired(group)} ready
          </Text>
          {group.members.length === 0 ? (
            <Text as="p" color="secondary">
              The backend does not see their pods; the counts come from the
              operator's status.
            </Text>
          ) : (
            <ul className={styles.grid}>
              {group.members.map(node => (
                <NodeTile key={`${node.podName}-${node.id}`} node={node} />
              ))}
            </ul>
          )}
        </Flex>
      </section>
    );
  },
);

function NodeTile(props: { node: KafkaNodeStatus }) {
  const { node } = props;
  const name = `${ROLE_LABEL[node.roles[0] ?? 'broker']} ${node.id}`;
  const roles =
    node.roles.length > 1
      ? node.roles.map(r => ROLE_LABEL[r]).join(' and ')
      : undefined;
  return (
    <li className={styles.node} aria-label={name} data-health={node.health}>
      <Flex justify="between" align="center">
        <Text as="span" weight="bold">
          {name}
        </Text>
        <HealthBadge health={node.health} />
      </Flex>
      <Text as="span" variant="body-small" color="secondary">
        {node.podName}
        {node.pool ? ` · pool ${node.pool}` : ''}
        {roles ? ` · ${roles}` : ''}
      </Text>
      <Text as="span" variant="body-small">
        {describeReadiness(node)}
        {node.readySince && (
          <>
            {' '}
            (<RelativeTime iso={node.readySince} prefix="since " />)
          </>
        )}
      </Text>
      <Text as="span" variant="body-small">
        Restarts: {node.restarts}
      </Text>
      {node.lastTermination && (
        <Text as="span" variant="body-small">
          Last termination: {node.lastTermination.reason ?? 'unknown reason'}
          {node.lastTermination.exitCode !== undefined &&
            ` (exit code ${node.lastTermination.exitCode})`}
          {node.lastTermination.at && (
            <>
              {', '}
              <RelativeTime iso={node.lastTermination.at} />
            </>
          )}
        </Text>
      )}
      {node.volumes.map(volume => (
        <Text as="span" variant="body-small" key={volume.claimName}>
          PVC {volume.claimName}: {describeVolume(volume)}
        </Text>
      ))}
      {node.currentRevision === false && (
        <Text as="span" variant="body-small" color="warning">
          On an older revision
        </Text>
      )}
      {node.terminating && (
        <Text as="span" variant="body-small" color="warning">
          Terminating
        </Text>
      )}
    </li>
  );
}

function describeReadiness(node: KafkaNodeStatus): string {
  if (node.ready) return 'Ready';
  const why =
    node.waitingReason ?? (node.phase !== 'Running' ? node.phase : undefined);
  return why ? `Not ready: ${why}` : 'Not ready';
}

function describeVolume(volume: KafkaVolumeStatus): string {
  if (volume.bound === undefined) return 'not seen';
  const phase = volume.phase ?? (volume.bound ? 'Bound' : 'not bound');
  return volume.storageClass ? `${phase} (${volume.storageClass})` : phase;
}
