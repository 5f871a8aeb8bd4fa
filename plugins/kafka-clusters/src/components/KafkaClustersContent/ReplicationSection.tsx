import { Cell, CellText, ColumnConfig, Flex, Table, Text } from '@backstage/ui';
import {
  KafkaLinkStatus,
  KafkaMirrorTopicStatus,
  stringifyKafkaClusterRef,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { HealthBadge } from '../common/HealthBadge';
import { ReasonList } from '../common/ReasonList';
import { memo } from 'react';

type MirrorRow = KafkaMirrorTopicStatus & { id: string };

const MIRROR_COLUMNS: ColumnConfig<MirrorRow>[] = [
  {
    id: 'name',
    label: 'Mirror topic',
    isRowHeader: true,
    cell: m => <CellText title={m.name} />,
  },
  {
    id: 'source',
    label: 'Source topic',
    cell: m => <CellText title={m.sourceTopicName ?? '–'} />,
  },
  {
    id: 'status',
    label: 'Status',
    cell: m => <CellText title={m.status ?? 'unknown'} />,
  },
  {
    id: 'health',
    label: 'Verdict',
    cell: m => (
      <Cell>
        <HealthBadge health={m.health} />
      </Cell>
    ),
  },
];

const TYPE_LABEL: Record<KafkaLinkStatus['type'], string> = {
  'cluster-link': 'Cluster link',
  'mirror-maker-2': 'MirrorMaker 2',
};

/** Cluster links and MirrorMaker 2 touching this cluster, with their mirror topics. */
export const ReplicationSection = memo(
  (props: { links: KafkaLinkStatus[] }) => {
    if (props.links.length === 0) {
      return (
        <Text as="p">
          No cluster links or MirrorMaker 2 replicate to or from this cluster.
        </Text>
      );
    }
    return (
      <Flex direction="column" gap="4">
        {props.links.map(link => (
          <ReplicationLink
            key={`${link.resource.kind}/${link.resource.name}`}
            link={link}
          />
        ))}
      </Flex>
    );
  },
);

function ReplicationLink(props: { link: KafkaLinkStatus }) {
  const { link } = props;
  const name = link.linkName ?? link.resource.name;
  const peer =
    (link.peer.ref && stringifyKafkaClusterRef(link.peer.ref)) ??
    link.peer.bootstrapServers ??
    link.peer.clusterId ??
    'unknown';
  // Row and column keys share one collection in react-aria tables, hence the prefix.
  const rows = link.mirrorTopics.map(m => ({ ...m, id: `mirror:${m.name}` }));
  return (
    <section aria-label={`${TYPE_LABEL[link.type]} ${name}`}>
      <Flex direction="column" gap="2">
        <Flex gap="3" align="center">
          <HealthBadge health={link.health} />
          <Text as="h4" variant="title-x-small">
            {TYPE_LABEL[link.type]} {name}
          </Text>
        </Flex>
        <Text as="p" variant="body-small">
          {link.role === 'destination'
            ? `This cluster is the destination; the source is ${peer}.`
            : `This cluster is the source; the destination is ${peer}. The link counts in the destination's verdict, not this one's.`}
          {link.state ? ` State ${link.state}.` : ''}
          {link.topicsPattern ? ` Topics matching ${link.topicsPattern}.` : ''}
        </Text>
        <ReasonList reasons={link.reasons} label={`Reasons for ${name}`} />
        {rows.length > 0 && (
          <Table
            columnConfig={MIRROR_COLUMNS}
            data={rows}
            pagination={{ type: 'none' }}
          />
        )}
      </Flex>
    </section>
  );
}
