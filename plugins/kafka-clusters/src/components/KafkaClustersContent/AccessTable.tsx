import { Cell, CellText } from '@backstage/ui';
import { KafkaAccessStatus } from '@k8s-kafka/plugin-kafka-clusters-common';
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

type AccessRow = KafkaAccessStatus & { id: string; who: string };

const KIND_LABEL: Record<KafkaAccessStatus['kind'], string> = {
  KafkaUser: 'User',
  ConfluentRolebinding: 'Role binding',
};

const COLUMNS: StatusColumn<AccessRow>[] = [
  {
    id: 'who',
    label: 'Principal',
    isRowHeader: true,
    isSortable: true,
    sortValue: a => a.who,
    cell: a => (
      <CellText
        title={a.who}
        description={`${KIND_LABEL[a.kind]} ${a.resource.name}`}
      />
    ),
  },
  {
    id: 'health',
    label: 'Verdict',
    isSortable: true,
    sortValue: a => healthSortValue(a.health),
    cell: a => (
      <Cell>
        <HealthBadge health={a.health} />
      </Cell>
    ),
  },
  {
    id: 'grant',
    label: 'Role or authentication',
    isSortable: true,
    sortValue: a => a.role ?? a.authentication,
    cell: a => <CellText title={a.role ?? a.authentication ?? '–'} />,
  },
  {
    id: 'state',
    label: 'State',
    isSortable: true,
    sortValue: a => a.state,
    cell: a => <CellText title={a.state ?? 'unknown'} />,
  },
  {
    id: 'reason',
    label: 'Reason',
    cell: a => (
      <CellText title={mainReason(a.health, a.reasons)?.message ?? ''} />
    ),
  },
];

const FILTERS: StatusFilter<AccessRow>[] = [healthFilter(a => a.health)];

const searchText = (row: AccessRow) =>
  `${row.who} ${row.resource.name} ${row.role ?? ''} ${
    row.authentication ?? ''
  }`;

/** Strimzi KafkaUsers and CFK role bindings with their state: sortable, filterable, paginated. */
export const AccessTable = memo((props: { access: KafkaAccessStatus[] }) => {
  const rows = useMemo(
    () =>
      props.access.map(access => ({
        ...access,
        id: `${access.kind}/${access.resource.namespace}/${access.resource.name}`,
        who: access.principal ?? access.resource.name,
      })),
    [props.access],
  );
  return (
    <StatusTable
      noun="users and role bindings"
      items={rows}
      columns={COLUMNS}
      filters={FILTERS}
      searchText={searchText}
      initialSort={{ column: 'health', direction: 'ascending' }}
    />
  );
});
