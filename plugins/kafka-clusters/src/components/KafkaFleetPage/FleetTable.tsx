import { Entity } from '@backstage/catalog-model';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { Cell, CellText } from '@backstage/ui';
import {
  KafkaClusterSummary,
  stringifyKafkaClusterRef,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { useMemo } from 'react';
import { KafkaClusterEntities } from '../../hooks/useKafkaClusterEntities';
import { HealthBadge } from '../common/HealthBadge';
import { OPERATOR_LABEL } from '../common/health';
import { mainReason, readyOfDesired } from '../common/order';
import {
  healthFilter,
  healthSortValue,
  StatusColumn,
  StatusFilter,
  StatusTable,
} from '../common/StatusTable';
import { formatDuration } from '../common/time';

type FleetRow = KafkaClusterSummary & {
  id: string;
  /** The catalog entity to open, and how it relates to the cluster. */
  entity?: { href: string; via?: string };
};

const COLUMNS: StatusColumn<FleetRow>[] = [
  {
    id: 'name',
    label: 'Kafka cluster',
    isRowHeader: true,
    isSortable: true,
    sortValue: r => r.ref.name,
    cell: r => (
      <CellText
        title={r.ref.name}
        href={r.entity?.href}
        description={
          r.entity ? r.entity.via && `via ${r.entity.via}` : 'No catalog entity'
        }
      />
    ),
  },
  {
    id: 'health',
    label: 'Verdict',
    isSortable: true,
    sortValue: r => healthSortValue(r.health),
    cell: r => (
      <Cell>
        <HealthBadge health={r.health} />
      </Cell>
    ),
  },
  {
    id: 'cluster',
    label: 'Kubernetes cluster',
    isSortable: true,
    sortValue: r => r.ref.cluster,
    cell: r => <CellText title={r.ref.cluster} description={r.ref.namespace} />,
  },
  {
    id: 'operator',
    label: 'Operator',
    isSortable: true,
    sortValue: r => r.operator,
    cell: r => (
      <CellText
        title={OPERATOR_LABEL[r.operator]}
        description={r.versions.operator && `version ${r.versions.operator}`}
      />
    ),
  },
  {
    id: 'brokers',
    label: 'Brokers ready',
    cell: r => <CellText title={readyOfDesired(r.brokers)} />,
  },
  {
    id: 'reason',
    label: 'Main reason',
    cell: r => (
      <CellText
        title={mainReason(r.health, r.reasons)?.message ?? ''}
        description={
          r.reasonCount > 1
            ? `${r.reasonCount - 1} more on its Kafka tab`
            : undefined
        }
      />
    ),
  },
  {
    id: 'observed',
    label: 'Observed',
    isSortable: true,
    sortValue: r => r.freshness.ageSeconds,
    cell: r => (
      <CellText
        title={
          r.freshness.stale
            ? `Stale: ${formatDuration(r.freshness.ageSeconds)} old`
            : `${formatDuration(r.freshness.ageSeconds)} ago`
        }
        color={r.freshness.stale ? undefined : 'secondary'}
      />
    ),
  },
];

const searchText = (row: FleetRow) =>
  `${stringifyKafkaClusterRef(row.ref)} ${row.reasons
    .map(r => r.message)
    .join(' ')}`;

/**
 * Every Kafka cluster of the fleet, worst first, filterable by verdict, operator and
 * Kubernetes cluster, each linked to its catalog entity when there is one.
 */
export function FleetTable(props: {
  clusters: KafkaClusterSummary[];
  kubernetesClusterNames: string[];
  entities: KafkaClusterEntities;
}) {
  const { clusters, kubernetesClusterNames, entities } = props;
  const entityHref = useEntityRefLink();

  const rows = useMemo(
    () =>
      clusters.map(summary => ({
        ...summary,
        id: stringifyKafkaClusterRef(summary.ref),
        entity: linkFor(summary, entities, entityHref),
      })),
    [clusters, entities, entityHref],
  );

  const clusterOptionsKey = kubernetesClusterNames.join('\n');
  const filters = useMemo<StatusFilter<FleetRow>[]>(
    () => [
      healthFilter(r => r.health),
      {
        id: 'operator',
        label: 'Operator',
        options: [
          { id: 'all', label: 'All operators' },
          { id: 'cfk', label: OPERATOR_LABEL.cfk },
          { id: 'strimzi', label: OPERATOR_LABEL.strimzi },
        ],
        matches: (r, operator) => r.operator === operator,
      },
      {
        id: 'cluster',
        label: 'Kubernetes cluster',
        options: [
          { id: 'all', label: 'All Kubernetes clusters' },
          ...clusterOptionsKey
            .split('\n')
            .filter(Boolean)
            .map(name => ({ id: name, label: name })),
        ],
        matches: (r, cluster) => r.ref.cluster === cluster,
      },
    ],
    [clusterOptionsKey],
  );

  return (
    <StatusTable
      noun="Kafka clusters"
      items={rows}
      columns={COLUMNS}
      filters={filters}
      searchText={searchText}
      initialSort={{ column: 'health', direction: 'ascending' }}
      pageSize={25}
      emptyState="No Kafka cluster matches."
    />
  );
}

function linkFor(
  summary: KafkaClusterSummary,
  entities: KafkaClusterEntities,
  entityHref: (entity: Entity) => string,
): FleetRow['entity'] {
  const resource = entities.resourceFor(summary.ref);
  if (resource) return { href: entityHref(resource) };
  const labelled = entities.labelledFor(summary.labels);
  if (labelled) {
    return {
      href: entityHref(labelled),
      via: labelled.metadata.title ?? labelled.metadata.name,
    };
  }
  return undefined;
}
