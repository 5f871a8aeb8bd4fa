import { Cell, CellText } from '@backstage/ui';
import { KafkaTopicStatus } from '@k8s-kafka/plugin-kafka-clusters-common';
import { memo, useMemo } from 'react';
import { HealthBadge } from '../common/HealthBadge';
import { mainReason } from '../common/order';
import {
  healthFilter,
  healthSortValue,
  StatusColumn,
  StatusFilter,
  StatusTable,
} from '../common/StatusTable';

type TopicRow = KafkaTopicStatus & { id: string };

const COLUMNS: StatusColumn<TopicRow>[] = [
  {
    id: 'name',
    label: 'Topic',
    isRowHeader: true,
    isSortable: true,
    sortValue: t => t.name,
    cell: t => <CellText title={t.name} />,
  },
  {
    id: 'health',
    label: 'Verdict',
    isSortable: true,
    sortValue: t => healthSortValue(t.health),
    cell: t => (
      <Cell>
        <HealthBadge health={t.health} />
      </Cell>
    ),
  },
  {
    id: 'partitions',
    label: 'Partitions',
    isSortable: true,
    sortValue: t => t.partitions,
    cell: t => (
      <CellText
        title={t.partitions === undefined ? '–' : String(t.partitions)}
      />
    ),
  },
  {
    id: 'replicationFactor',
    label: 'Replication factor',
    isSortable: true,
    sortValue: t => t.replicationFactor,
    cell: t => (
      <CellText
        title={
          t.replicationFactor === undefined ? '–' : String(t.replicationFactor)
        }
      />
    ),
  },
  {
    id: 'state',
    label: 'State',
    isSortable: true,
    sortValue: t => t.state,
    cell: t => <CellText title={t.state ?? 'unknown'} />,
  },
  {
    id: 'reason',
    label: 'Reason',
    cell: t => (
      <CellText title={mainReason(t.health, t.reasons)?.message ?? ''} />
    ),
  },
];

const FILTERS: StatusFilter<TopicRow>[] = [healthFilter(t => t.health)];

const searchText = (topic: TopicRow) => topic.name;

/** The cluster's topics (KafkaTopic resources): sortable, filterable, paginated. */
export const TopicsTable = memo((props: { topics: KafkaTopicStatus[] }) => {
  const rows = useMemo(
    () =>
      props.topics.map(topic => ({
        ...topic,
        id: `${topic.resource.namespace}/${topic.resource.name}`,
      })),
    [props.topics],
  );
  return (
    <StatusTable
      noun="topics"
      items={rows}
      columns={COLUMNS}
      filters={FILTERS}
      searchText={searchText}
      initialSort={{ column: 'health', direction: 'ascending' }}
      emptyState="No topics match."
    />
  );
});
