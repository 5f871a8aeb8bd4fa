import {
  Cell,
  CellText,
  ColumnConfig,
  Flex,
  Link,
  Table,
  Text,
} from '@backstage/ui';
import {
  KafkaComponentStatus,
  KafkaComponentType,
  KafkaConnectorStatus,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { HealthBadge } from '../common/HealthBadge';
import { mainReason, readyOfDesired } from '../common/order';
import { memo } from 'react';

const TYPE_LABEL: Record<KafkaComponentType, string> = {
  'schema-registry': 'Schema Registry',
  connect: 'Connect',
  ksqldb: 'ksqlDB',
  'control-center': 'Control Center',
  'rest-proxy': 'REST Proxy',
  'mirror-maker-2': 'MirrorMaker 2',
  bridge: 'Kafka Bridge',
  'entity-operator': 'Entity Operator',
  'cruise-control': 'Cruise Control',
  'kafka-exporter': 'Kafka Exporter',
};

type ComponentRow = KafkaComponentStatus & { id: string };
type ConnectorRow = KafkaConnectorStatus & { id: string; connect: string };

const COMPONENT_COLUMNS: ColumnConfig<ComponentRow>[] = [
  {
    id: 'name',
    label: 'Component',
    isRowHeader: true,
    cell: c => <CellText title={c.name} description={TYPE_LABEL[c.type]} />,
  },
  {
    id: 'health',
    label: 'Verdict',
    cell: c => (
      <Cell>
        <HealthBadge health={c.health} />
      </Cell>
    ),
  },
  {
    id: 'replicas',
    label: 'Ready',
    cell: c => (
      <CellText
        title={
          c.desired === undefined && c.ready === undefined
            ? '–'
            : readyOfDesired(c)
        }
      />
    ),
  },
  {
    id: 'phase',
    label: 'Phase',
    cell: c => <CellText title={c.phase ?? '–'} />,
  },
  {
    id: 'endpoint',
    label: 'Endpoint',
    cell: c => (
      <Cell>
        {c.endpoint ? <Link href={c.endpoint}>{c.endpoint}</Link> : '–'}
      </Cell>
    ),
  },
  {
    id: 'reason',
    label: 'Reason',
    cell: c => (
      <CellText title={mainReason(c.health, c.reasons)?.message ?? ''} />
    ),
  },
];

const CONNECTOR_COLUMNS: ColumnConfig<ConnectorRow>[] = [
  {
    id: 'name',
    label: 'Connector',
    isRowHeader: true,
    cell: c => <CellText title={c.name} description={c.connect} />,
  },
  {
    id: 'health',
    label: 'Verdict',
    cell: c => (
      <Cell>
        <HealthBadge health={c.health} />
      </Cell>
    ),
  },
  {
    id: 'state',
    label: 'State',
    cell: c => <CellText title={c.state ?? 'unknown'} />,
  },
  {
    id: 'tasks',
    label: 'Tasks',
    cell: c => (
      <CellText
        title={`${c.tasks.running ?? '?'}/${c.tasks.total ?? '?'} running${
          c.tasks.failed > 0 ? `, ${c.tasks.failed} failed` : ''
        }`}
      />
    ),
  },
  {
    id: 'reason',
    label: 'Reason',
    cell: c => (
      <CellText title={mainReason(c.health, c.reasons)?.message ?? ''} />
    ),
  },
];

/**
 * The components serving the cluster (Schema Registry, Connect, ksqlDB, Control Center,
 * REST Proxy; Strimzi's Connect, MirrorMaker 2, Bridge and operands) and the connectors of
 * the Connect clusters, each with its verdict.
 */
export const ComponentsSection = memo(
  (props: { components: KafkaComponentStatus[] }) => {
    const { components } = props;
    if (components.length === 0) {
      return <Text as="p">No components run beside this cluster.</Text>;
    }
    const rows = components.map(c => ({
      ...c,
      id: `${c.resource.kind}/${c.name}`,
    }));
    const connectors = components.flatMap(c =>
      c.connectors.map(connector => ({
        ...connector,
        id: `${c.name}/${connector.name}`,
        connect: c.name,
      })),
    );
    return (
      <Flex direction="column" gap="4">
        <section aria-label="Components">
          <Table
            columnConfig={COMPONENT_COLUMNS}
            data={rows}
            pagination={{ type: 'none' }}
          />
        </section>
        {connectors.length > 0 && (
          <section aria-label="Connectors">
            <Text as="h4" variant="title-x-small">
              Connectors
            </Text>
            <Table
              columnConfig={CONNECTOR_COLUMNS}
              data={connectors}
              pagination={{ type: 'none' }}
            />
          </section>
        )}
      </Flex>
    );
  },
);
