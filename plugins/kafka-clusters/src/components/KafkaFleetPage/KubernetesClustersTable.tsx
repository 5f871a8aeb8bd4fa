import { Cell, CellText, ColumnConfig, Table, Text } from '@backstage/ui';
import {
  KubernetesCacheState,
  KubernetesClusterCacheStatus,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { RelativeTime } from '../common/RelativeTime';
import { formatDuration } from '../common/time';

type Row = KubernetesClusterCacheStatus & { id: string };

const STATE: Record<
  KubernetesCacheState,
  { label: string; color: 'success' | 'warning' | 'danger' | 'secondary' }
> = {
  starting: { label: 'Starting: first listing under way', color: 'secondary' },
  synced: { label: 'Synced', color: 'success' },
  stale: { label: 'Stale: reads failing, data ageing', color: 'warning' },
  failed: { label: 'Failed: nothing could be read', color: 'danger' },
};

const COLUMNS: ColumnConfig<Row>[] = [
  {
    id: 'name',
    label: 'Kubernetes cluster',
    isRowHeader: true,
    cell: c => (
      <CellText
        title={c.title ?? c.name}
        description={c.title ? c.name : undefined}
      />
    ),
  },
  {
    id: 'state',
    label: 'Cache',
    cell: c => (
      <Cell>
        <Text color={STATE[c.state].color} weight="bold">
          {STATE[c.state].label}
        </Text>
      </Cell>
    ),
  },
  {
    id: 'synced',
    label: 'Last synced',
    cell: c => (
      <Cell>
        <LastSynced cluster={c} />
      </Cell>
    ),
  },
  {
    id: 'operators',
    label: 'Operators',
    cell: c => <CellText title={describeOperators(c)} />,
  },
  {
    id: 'kafkaClusters',
    label: 'Kafka clusters',
    cell: c => <CellText title={String(c.kafkaClusters)} />,
  },
  {
    id: 'errors',
    label: 'Errors',
    cell: c => (
      <Cell>
        {c.errors.length === 0 ? (
          'None'
        ) : (
          <ul style={{ margin: 0, paddingLeft: '1rem' }}>
            {c.errors.map((e, index) => (
              <li key={index}>
                {e.kind}: {e.message} (
                <RelativeTime iso={e.since} prefix="since " />)
              </li>
            ))}
          </ul>
        )}
      </Cell>
    ),
  },
];

function LastSynced(props: { cluster: KubernetesClusterCacheStatus }) {
  const { lastSyncedAt, ageSeconds } = props.cluster;
  if (lastSyncedAt) return <RelativeTime iso={lastSyncedAt} />;
  if (ageSeconds !== undefined) return <>{formatDuration(ageSeconds)} ago</>;
  return <>Never</>;
}

function describeOperators(cluster: KubernetesClusterCacheStatus): string {
  const { cfk, strimzi } = cluster.operators;
  const installed = [
    cfk.installed && `CFK${cfk.version ? ` (${cfk.version})` : ''}`,
    strimzi.installed &&
      `Strimzi${strimzi.version ? ` (${strimzi.version})` : ''}`,
  ].filter(Boolean);
  return installed.length > 0 ? installed.join(', ') : 'None found';
}

/** The Kubernetes clusters the backend reads, with their cache state and errors. */
export function KubernetesClustersTable(props: {
  clusters: KubernetesClusterCacheStatus[];
}) {
  // Row and column keys share one collection in react-aria tables, hence the prefix.
  const rows = props.clusters.map(c => ({ ...c, id: `cluster:${c.name}` }));
  return (
    <Table columnConfig={COLUMNS} data={rows} pagination={{ type: 'none' }} />
  );
}
