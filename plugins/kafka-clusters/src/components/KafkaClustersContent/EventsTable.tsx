import { Cell, CellText, ColumnConfig, Table, Text } from '@backstage/ui';
import { KafkaEventSummary } from '@k8s-kafka/plugin-kafka-clusters-common';
import { RelativeTime } from '../common/RelativeTime';
import { memo } from 'react';

type EventRow = KafkaEventSummary & { id: string };

const COLUMNS: ColumnConfig<EventRow>[] = [
  {
    id: 'lastSeen',
    label: 'Last seen',
    cell: event => (
      <Cell>
        {event.lastSeen ? <RelativeTime iso={event.lastSeen} /> : 'unknown'}
      </Cell>
    ),
  },
  {
    id: 'reason',
    label: 'Reason',
    isRowHeader: true,
    cell: event => <CellText title={event.reason} />,
  },
  {
    id: 'object',
    label: 'Object',
    cell: event => (
      <CellText title={`${event.object.kind} ${event.object.name}`} />
    ),
  },
  {
    id: 'message',
    label: 'Message',
    cell: event => <CellText title={event.message} />,
  },
  {
    id: 'count',
    label: 'Count',
    cell: event => <CellText title={String(event.count)} />,
  },
];

/** Recent Warning Events of the cluster's objects, newest first, as the backend sends them. */
export const EventsTable = memo((props: { events: KafkaEventSummary[] }) => {
  if (props.events.length === 0) {
    return <Text as="p">No recent warning events.</Text>;
  }
  const rows = props.events.map((event, index) => ({
    ...event,
    id: `event:${index}`,
  }));
  return (
    <Table columnConfig={COLUMNS} data={rows} pagination={{ type: 'none' }} />
  );
});
