import { CellText, ColumnConfig, Flex, Table, Text } from '@backstage/ui';
import { KafkaListenerStatus } from '@k8s-kafka/plugin-kafka-clusters-common';
import { memo } from 'react';

type ListenerRow = KafkaListenerStatus & { id: string };

const COLUMNS: ColumnConfig<ListenerRow>[] = [
  {
    id: 'name',
    label: 'Listener',
    isRowHeader: true,
    cell: l => <CellText title={l.name} description={l.type} />,
  },
  {
    id: 'port',
    label: 'Port',
    cell: l => <CellText title={l.port === undefined ? '–' : String(l.port)} />,
  },
  {
    id: 'tls',
    label: 'TLS',
    cell: l => <CellText title={describeTls(l.tls)} />,
  },
  {
    id: 'authentication',
    label: 'Authentication',
    cell: l => (
      <CellText
        title={
          !l.authentication || l.authentication === 'none'
            ? 'None'
            : l.authentication
        }
      />
    ),
  },
  {
    id: 'bootstrap',
    label: 'Bootstrap address',
    cell: l => <CellText title={l.bootstrapServers ?? '–'} />,
  },
  {
    id: 'external',
    label: 'External addresses',
    cell: l => <CellText title={l.externalAddresses?.join(', ') || '–'} />,
  },
];

function describeTls(tls: boolean | undefined): string {
  if (tls === undefined) return 'Unknown';
  return tls ? 'Yes' : 'No';
}

/**
 * How clients reach the cluster and what they must prove: listeners with TLS and
 * authentication, and authorization, summed up in a sentence before the details.
 */
export const SecurityPosture = memo(
  (props: {
    listeners: KafkaListenerStatus[];
    authorization?: { type: string };
  }) => {
    const { listeners, authorization } = props;
    const withoutTls = listeners.filter(l => l.tls === false).length;
    const withoutAuth = listeners.filter(
      l => !l.authentication || l.authentication === 'none',
    ).length;
    // Row and column keys share one collection in react-aria tables, hence the prefix.
    const rows = listeners.map(l => ({ ...l, id: `listener:${l.name}` }));
    return (
      <Flex direction="column" gap="3">
        <ul
          aria-label="Security posture"
          style={{ margin: 0, paddingLeft: '1.25rem' }}
        >
          <li>
            <Text>
              {authorization
                ? `Authorization: ${authorization.type}`
                : 'Authorization: none configured, so any client that connects may use every topic'}
            </Text>
          </li>
          <li>
            <Text color={withoutTls > 0 ? 'warning' : 'primary'}>
              {withoutTls > 0
                ? `${withoutTls} of ${listeners.length} listeners without TLS`
                : 'TLS on every listener'}
            </Text>
          </li>
          <li>
            <Text color={withoutAuth > 0 ? 'warning' : 'primary'}>
              {withoutAuth > 0
                ? `${withoutAuth} of ${listeners.length} listeners without authentication`
                : 'Authentication on every listener'}
            </Text>
          </li>
        </ul>
        {rows.length === 0 ? (
          <Text as="p">The operator reports no listeners.</Text>
        ) : (
          <section aria-label="Listeners">
            <Table
              columnConfig={COLUMNS}
              data={rows}
              pagination={{ type: 'none' }}
            />
          </section>
        )}
      </Flex>
    );
  },
);
