import { Entity } from '@backstage/catalog-model';
import {
  Accordion,
  AccordionPanel,
  AccordionTrigger,
  Flex,
  Text,
} from '@backstage/ui';
import { KafkaClusterStatus } from '@k8s-kafka/plugin-kafka-clusters-common';
import { useState } from 'react';
import { DataFreshness } from '../common/DataFreshness';
import { HealthBadge } from '../common/HealthBadge';
import { HEALTH_PRESENTATION, OPERATOR_LABEL } from '../common/health';
import { readyOfDesired, verdictSince } from '../common/order';
import { ReasonList } from '../common/ReasonList';
import { RelativeTime } from '../common/RelativeTime';
import { CloneAction } from './CloneAction';
import { ClusterFacts } from './ClusterFacts';
import { ClusterLink } from './ClusterLinks';
import { KafkaClusterDetails } from './KafkaClusterDetails';

/**
 * One Kafka cluster on the Kafka tab: a line that says how it is, which opens onto why,
 * what runs it, and the details. Whether the user opened it lives here, so refreshes keep it.
 */
export function KafkaClusterPanel(props: {
  /** The page's entity: the service a clone belongs to. */
  entity: Entity;
  status: KafkaClusterStatus;
  /** Whether its Kubernetes cluster reports errors, which may explain old or missing data. */
  kubernetesClusterFailing: boolean;
  resourceEntity?: Entity;
  links: ClusterLink[];
  fetchedAt?: number;
  /** Whether to show it open until the user opens or closes it. */
  expandedByDefault: boolean;
}) {
  const {
    entity,
    status,
    kubernetesClusterFailing,
    resourceEntity,
    links,
    fetchedAt,
  } = props;
  // Once the user opens or closes the panel, that choice holds across refreshes; until then
  // it follows the default, so a cluster that turns bad opens by itself.
  const [userChoice, setUserChoice] = useState<boolean>();
  return (
    <Accordion
      isExpanded={userChoice ?? props.expandedByDefault}
      onExpandedChange={setUserChoice}
    >
      <AccordionTrigger level={3}>
        <Flex gap="3" align="center" style={{ flexWrap: 'wrap' }}>
          {/* The spaces between the parts keep the button's accessible name readable. */}
          <HealthBadge health={status.health} />{' '}
          <Text as="span" weight="bold">
            {status.ref.name}
          </Text>{' '}
          <Text as="span" color="secondary">
            {status.ref.cluster} / {status.ref.namespace}
          </Text>{' '}
          <Text as="span" color="secondary">
            {OPERATOR_LABEL[status.operator]}
          </Text>{' '}
          <Text as="span">Brokers {readyOfDesired(status.brokers)} ready</Text>
        </Flex>
      </AccordionTrigger>
      <AccordionPanel>
        <Flex direction="column" gap="4" py="3">
          <Flex justify="between" align="start" gap="3">
            <VerdictSummary status={status} />
            <CloneAction entity={entity} kafka={status.ref} />
          </Flex>
          <DataFreshness freshness={status.freshness} fetchedAt={fetchedAt} />
          {kubernetesClusterFailing && (
            <Text as="p" color="warning">
              Its Kubernetes cluster {status.ref.cluster} reports an error
              (shown above), so parts of this status may be missing or old.
            </Text>
          )}
          <ClusterFacts
            status={status}
            resourceEntity={resourceEntity}
            links={links}
          />
          <KafkaClusterDetails status={status} />
        </Flex>
      </AccordionPanel>
    </Accordion>
  );
}

function VerdictSummary(props: { status: KafkaClusterStatus }) {
  const { status } = props;
  const since = verdictSince(status.health, status.reasons);
  return (
    <Flex direction="column" gap="2">
      <Text as="p" weight="bold">
        {HEALTH_PRESENTATION[status.health].label}
        {since && (
          <>
            {' '}
            <RelativeTime iso={since} prefix="for " format="duration" />
          </>
        )}
        {status.reasons.length === 0 && ': nothing to report'}
      </Text>
      <ReasonList
        reasons={status.reasons}
        label={`Reasons for ${status.ref.name}`}
      />
    </Flex>
  );
}
