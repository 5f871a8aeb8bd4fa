import { Flex, Tab, TabList, TabPanel, Tabs } from '@backstage/ui';
import { KafkaClusterStatus } from '@k8s-kafka/plugin-kafka-clusters-common';
import { AccessTable } from './AccessTable';
import { ComponentsSection } from './ComponentsSection';
import { EventsTable } from './EventsTable';
import { NodeGrid } from './NodeGrid';
import { ReplicationSection } from './ReplicationSection';
import { SecurityPosture } from './SecurityPosture';
import { TopicsTable } from './TopicsTable';

/**
 * The closer look at one Kafka cluster, one tab per concern. The selected tab lives in
 * this component, so a refresh (new `status`, same component) keeps it.
 */
export function KafkaClusterDetails(props: { status: KafkaClusterStatus }) {
  const { status } = props;
  const controllersTitle =
    status.metadataMode === 'zookeeper' ? 'ZooKeeper' : 'Controllers';
  return (
    <Tabs>
      <TabList aria-label={`Details of ${status.ref.name}`}>
        <Tab id="nodes">Brokers and controllers</Tab>
        <Tab id="components">Components ({status.components.length})</Tab>
        <Tab id="topics">Topics ({status.topics.length})</Tab>
        <Tab id="access">Users and role bindings ({status.access.length})</Tab>
        <Tab id="security">Security</Tab>
        <Tab id="replication">Replication ({status.links.length})</Tab>
        <Tab id="events">Events ({status.events.length})</Tab>
      </TabList>
      <TabPanel id="nodes">
        <Flex direction="column" gap="4" pt="3">
          <NodeGrid title="Brokers" group={status.brokers} />
          {status.controllers && (
            <NodeGrid title={controllersTitle} group={status.controllers} />
          )}
        </Flex>
      </TabPanel>
      <TabPanel id="components">
        <ComponentsSection components={status.components} />
      </TabPanel>
      <TabPanel id="topics">
        <TopicsTable topics={status.topics} />
      </TabPanel>
      <TabPanel id="access">
        <AccessTable access={status.access} />
      </TabPanel>
      <TabPanel id="security">
        <SecurityPosture
          listeners={status.listeners}
          authorization={status.authorization}
        />
      </TabPanel>
      <TabPanel id="replication">
        <ReplicationSection links={status.links} />
      </TabPanel>
      <TabPanel id="events">
        <EventsTable events={status.events} />
      </TabPanel>
    </Tabs>
  );
}
