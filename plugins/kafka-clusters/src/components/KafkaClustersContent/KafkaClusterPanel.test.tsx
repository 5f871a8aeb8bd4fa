import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { KafkaClusterStatus } from '@k8s-kafka/plugin-kafka-clusters-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { cfkRolling, cfkZookeeperQuorumLost } from '../../__fixtures__/cfk';
import {
  ordersKafkaResource,
  ordersService,
  paymentsKafkaResource,
  paymentsService,
} from '../../__fixtures__/entities';
import { renderEntityView } from '../../__testUtils__/renderEntityView';
import {
  entityStatusHandler,
  kubernetesClustersHandler,
} from '../../__testUtils__/server';
import {
  strimziCrashLooping,
  strimziMigratingPaused,
} from '../../__fixtures__/strimzi';
import { KafkaClustersContent } from './KafkaClustersContent';

// Every tab switch re-renders react-aria tables, which jsdom does slowly.
jest.setTimeout(20_000);

const server = setupServer();
registerMswTestHooks(server);

async function renderCluster(
  status: KafkaClusterStatus,
  entity = ordersService,
) {
  server.use(
    entityStatusHandler(
      { namespace: 'default', kind: 'component', name: entity.metadata.name },
      () => ({
        entityRef: `component:default/${entity.metadata.name}`,
        health: status.health,
        clusters: [status],
        errors: [],
      }),
    ),
    kubernetesClustersHandler([
      {
        name: 'prod-eu',
        dashboardUrl: 'https://dashboard.prod-eu.example.com',
      },
    ]),
  );
  renderEntityView(
    <KafkaClustersContent refreshIntervalSeconds={0} />,
    entity,
    [ordersKafkaResource, paymentsKafkaResource],
  );
  return screen.findByRole('list', { name: `Reasons for ${status.ref.name}` });
}

/** The innermost element whose whole text is `text`, however many elements it spans. */
function textContent(text: string): HTMLElement {
  return screen.getByText(
    (_, element) =>
      element?.textContent === text &&
      ![...element.children].some(child => child.textContent === text),
  );
}

function fact(term: string): HTMLElement {
  const dt = screen.getByText(term, { selector: 'dt span' }).closest('dt')!;
  return dt.nextElementSibling as HTMLElement;
}

async function openTab(name: RegExp) {
  await userEvent.click(screen.getByRole('tab', { name }));
  return screen.getByRole('tabpanel');
}

describe('the Kafka tab, per Kafka cluster', () => {
  describe('Strimzi, a broker crash-looping', () => {
    it('names the broker, the reason, since when and the fix', async () => {
      const reasons = await renderCluster(strimziCrashLooping());
      expect(textContent('Degraded for 12 min')).toBeInTheDocument();
      const [crashLoop, notReady] = within(reasons).getAllByRole('listitem');
      expect(crashLoop).toHaveTextContent(
        'Error: Container kafka of pod orders-kafka-broker-2 is in CrashLoopBackOff after 7 restarts; last terminated OOMKilled (exit code 137)',
      );
      expect(crashLoop).toHaveTextContent(
        'Pod orders/orders-kafka-broker-2 · since 12 min ago',
      );
      expect(crashLoop).toHaveTextContent(
        'Proposed fix: The container ran out of memory: raise spec.resources.limits.memory',
      );
      expect(notReady).toHaveTextContent(
        '2/3 brokers ready and no change in progress explains it',
      );
    });

    it('says what a clone was cloned from and when it expires, and nothing of the kind for another cluster', async () => {
      const inTwoDays = new Date(Date.now() + (2 * 24 + 1) * 3600_000);
      const expiresAt = `${inTwoDays.toISOString().slice(0, 19)}Z`;
      await renderCluster({
        ...strimziCrashLooping(),
        environment: {
          id: 'dev/team-a/orders-kafka',
          clonedFrom: 'prod-us/orders/Kafka/orders-kafka@7',
          expiresAt,
        },
      });
      expect(fact('Clone of')).toHaveTextContent(
        'prod-us/orders/orders-kafka (generation 7)',
      );
      expect(fact('Expires')).toHaveTextContent(/^in 2 d \(/);
      expect(
        fact('Expires').querySelector('time')?.getAttribute('dateTime'),
      ).toBe(expiresAt);
    });

    it('has no clone facts for a cluster that is not a clone', async () => {
      await renderCluster(strimziCrashLooping());
      expect(screen.queryByText('Clone of')).not.toBeInTheDocument();
      expect(screen.queryByText('Expires')).not.toBeInTheDocument();
    });

    it('tells the operator, versions, metadata mode, reconcile state, owner and links', async () => {
      await renderCluster(strimziCrashLooping());
      expect(fact('Operator')).toHaveTextContent(
        'Strimzi (kafka.strimzi.io/v1)',
      );
      expect(fact('Versions')).toHaveTextContent(
        'Kafka 4.1.0 · metadata version 4.1-IV1 · Strimzi 0.48.0 · cluster id Zq3wLh6xT9uK1m2n3o4p5Q',
      );
      expect(fact('Metadata')).toHaveTextContent('KRaft');
      expect(fact('Reconciliation')).toHaveTextContent(
        'Operator caught up (generation 4 observed)No roll in progressReconciliation not paused',
      );
      expect(
        await within(fact('Owner')).findByRole('link', {
          name: 'team-platform',
        }),
      ).toHaveAttribute('href', '/catalog/default/group/team-platform');
      const links = fact('Links');
      expect(
        within(links).getByRole('link', { name: 'Kubernetes tab' }),
      ).toHaveAttribute('href', '/catalog/default/component/orders/kubernetes');
      expect(
        await within(links).findByRole('link', {
          name: 'Kubernetes dashboard (prod-eu)',
        }),
      ).toHaveAttribute('href', 'https://dashboard.prod-eu.example.com');
      expect(
        within(links).getByRole('link', {
          name: 'Catalog entity orders-kafka (prod-eu/orders)',
        }),
      ).toHaveAttribute(
        'href',
        '/catalog/default/resource/prod-eu_orders_orders-kafka',
      );
      expect(
        within(links).getByRole('link', { name: 'Grafana: orders-kafka' }),
      ).toBeInTheDocument();
      // The same dashboard from the Kubernetes plugin and the Resource's links shows once.
      expect(
        within(links)
          .getAllByRole('link')
          .map(link => link.textContent),
      ).toEqual([
        'Kubernetes tab',
        'Kubernetes tab of orders-kafka (prod-eu/orders)',
        'Kubernetes dashboard (prod-eu)',
        'Catalog entity orders-kafka (prod-eu/orders)',
        'Grafana: orders-kafka',
      ]);
    });

    it('lays brokers and controllers out by node id, with readiness, restarts, termination and volumes', async () => {
      await renderCluster(strimziCrashLooping());
      const brokers = await screen.findByRole('region', { name: 'Brokers' });
      expect(within(brokers).getByRole('heading')).toHaveTextContent(
        'Brokers: 2/3 ready',
      );
      expect(
        within(brokers)
          .getAllByRole('listitem')
          .map(node => node.getAttribute('aria-label')),
      ).toEqual(['Broker 0', 'Broker 1', 'Broker 2']);
      const broker2 = within(brokers).getByRole('listitem', {
        name: 'Broker 2',
      });
      expect(broker2).toHaveTextContent('Degraded');
      expect(broker2).toHaveTextContent('Not ready: CrashLoopBackOff');
      expect(broker2).toHaveTextContent('Restarts: 7');
      expect(broker2).toHaveTextContent(
        'Last termination: OOMKilled (exit code 137), 2 min ago',
      );
      expect(broker2).toHaveTextContent(
        'PVC data-0-orders-kafka-broker-2: Bound (gp3)',
      );
      expect(
        within(brokers).getByRole('listitem', { name: 'Broker 0' }),
      ).toHaveTextContent('Ready');

      const controllers = screen.getByRole('region', { name: 'Controllers' });
      expect(within(controllers).getByRole('heading')).toHaveTextContent(
        'Controllers: 3/3 ready',
      );
      expect(
        within(controllers).getByRole('listitem', { name: 'Controller 3' }),
      ).toHaveTextContent('Healthy');
    });

    it('shows the events, components and connectors, users, listeners and MirrorMaker 2', async () => {
      await renderCluster(strimziCrashLooping());

      const events = await openTab(/Events \(1\)/);
      const backOff = within(events).getByRole('row', { name: /BackOff/ });
      expect(backOff).toHaveTextContent('Pod orders-kafka-broker-2');
      expect(backOff).toHaveTextContent(
        'Back-off restarting failed container kafka',
      );
      expect(backOff).toHaveTextContent('31');

      const components = await openTab(/Components \(3\)/);
      expect(
        within(components).getByRole('row', { name: /^orders-connect/ }),
      ).toHaveTextContent('ConnectHealthy2/2');
      expect(
        within(components).getByRole('row', { name: /orders-to-s3/ }),
      ).toHaveTextContent('RUNNING4/4 running');
      expect(
        within(components).getByRole('row', { name: /orders-bridge/ }),
      ).toHaveTextContent('Kafka Bridge');

      const access = await openTab(/Users and role bindings \(2\)/);
      expect(
        within(access).getByRole('row', { name: /User:CN=orders-app/ }),
      ).toHaveTextContent('tls');
      expect(
        within(access).getByRole('row', { name: /User:analytics-reader/ }),
      ).toHaveTextContent('scram-sha-512');

      const security = await openTab(/Security/);
      expect(
        within(security).getByRole('list', { name: 'Security posture' }),
      ).toHaveTextContent(
        'Authorization: simple1 of 3 listeners without TLS1 of 3 listeners without authentication',
      );
      expect(
        within(security).getByRole('row', { name: /external/ }),
      ).toHaveTextContent(
        'orders-kafka-bootstrap.apps.prod-eu.example.com:443',
      );
      expect(
        within(security).getByRole('row', { name: /plain/ }),
      ).toHaveTextContent(
        '9092NoNoneorders-kafka-kafka-bootstrap.orders.svc:9092',
      );

      const replication = await openTab(/Replication \(1\)/);
      expect(
        within(replication).getByRole('region', {
          name: 'MirrorMaker 2 prod-eu->dr-eu',
        }),
      ).toHaveTextContent(
        "This cluster is the source; the destination is orders-kafka-dr-kafka-bootstrap.orders-dr.svc:9093. The link counts in the destination's verdict, not this one's. State Ready. Topics matching orders.*.",
      );
    });
  });

  describe('Strimzi, migrating to KRaft with reconciliation paused', () => {
    it('says it is migrating, not caught up, and paused with the reason', async () => {
      await renderCluster(strimziMigratingPaused());
      expect(screen.getAllByText('Progressing').length).toBeGreaterThan(0);
      expect(fact('Metadata')).toHaveTextContent(
        'Migrating from ZooKeeper to KRaft (KRaftDualWriting)',
      );
      expect(fact('Reconciliation')).toHaveTextContent(
        'Operator not caught up: generation 9, observed 8',
      );
      expect(fact('Reconciliation')).toHaveTextContent(
        'Reconciliation paused: Storage migration by the platform team (strimzi.io/pause-reconciliation, since 45 min ago)',
      );
    });
  });

  describe('Confluent for Kubernetes, rolling with a failing mirror topic', () => {
    it('tells the CFK facts, the roll, the owner of the shared cluster and Control Center', async () => {
      const reasons = await renderCluster(cfkRolling(), paymentsService);
      expect(reasons).toHaveTextContent(
        'Mirror topic refunds of cluster link from-onprem is SOURCE_UNAVAILABLE',
      );
      expect(reasons).toHaveTextContent(
        'Info: CFK is rolling Kafka kafka: pod kafka-2 is on an older revision',
      );
      expect(fact('Operator')).toHaveTextContent(
        'Confluent for Kubernetes (platform.confluent.io/v1beta1)',
      );
      expect(fact('Versions')).toHaveTextContent(
        'Confluent Platform 7.9.1 · CFK 2.11.0 · cluster id lkc-9x2m1',
      );
      expect(fact('Reconciliation')).toHaveTextContent('Phase RUNNING');
      expect(fact('Reconciliation')).toHaveTextContent(
        'Rolling restart in progress (started 4 min ago)',
      );
      expect(
        await within(fact('Owner')).findByRole('link', {
          name: 'team-streaming',
        }),
      ).toBeInTheDocument();
      // The service has no Kubernetes annotations of its own; the shared cluster's Resource does.
      expect(
        within(fact('Links')).queryByRole('link', { name: 'Kubernetes tab' }),
      ).not.toBeInTheDocument();
      expect(
        within(fact('Links')).getByRole('link', {
          name: 'Kubernetes tab of kafka (prod-us/confluent)',
        }),
      ).toHaveAttribute(
        'href',
        '/catalog/default/resource/prod-us_confluent_kafka/kubernetes',
      );
      expect(
        within(fact('Links')).getByRole('link', {
          name: 'Control Center controlcenter',
        }),
      ).toHaveAttribute('href', 'https://controlcenter.prod-us.example.com');

      const broker2 = await screen.findByRole('listitem', { name: 'Broker 2' });
      expect(broker2).toHaveTextContent('Progressing');
      expect(broker2).toHaveTextContent('On an older revision');
      expect(broker2).toHaveTextContent('Terminating');
    });

    it('shows the Confluent components with their verdicts, the link and its mirror topics, and role bindings', async () => {
      await renderCluster(cfkRolling(), paymentsService);

      const components = await openTab(/Components \(5\)/);
      for (const [name, type] of [
        ['schemaregistry', 'Schema Registry'],
        ['connect', 'Connect'],
        ['ksqldb', 'ksqlDB'],
        ['controlcenter', 'Control Center'],
        ['kafkarestproxy', 'REST Proxy'],
      ]) {
        const row = within(components).getByRole('row', {
          name: new RegExp(`^${name}`),
        });
        expect(row).toHaveTextContent(type);
        expect(row).toHaveTextContent('Healthy');
        expect(row).toHaveTextContent('RUNNING');
      }
      expect(
        within(components).getByRole('row', { name: /payments-jdbc-source/ }),
      ).toHaveTextContent('2/2 running');

      const replication = await openTab(/Replication \(1\)/);
      const link = within(replication).getByRole('region', {
        name: 'Cluster link from-onprem',
      });
      expect(link).toHaveTextContent(
        'This cluster is the destination; the source is kafka.dc1.example.com:9092.',
      );
      expect(
        within(link).getByRole('row', { name: /refunds/ }),
      ).toHaveTextContent('SOURCE_UNAVAILABLEDegraded');
      expect(
        within(link).getByRole('row', { name: /ledger/ }),
      ).toHaveTextContent('ACTIVEHealthy');

      const access = await openTab(/Users and role bindings \(1\)/);
      expect(
        within(access).getByRole('row', { name: /User:payments-service/ }),
      ).toHaveTextContent('DeveloperWrite');

      const security = await openTab(/Security/);
      expect(
        within(security).getByRole('list', { name: 'Security posture' }),
      ).toHaveTextContent(
        'Authorization: rbacTLS on every listenerAuthentication on every listener',
      );
    });
  });

  describe('Confluent for Kubernetes on ZooKeeper, quorum lost while reconciliation is blocked', () => {
    it('calls it unhealthy and shows the ensemble, the pending volume and the open security posture', async () => {
      const reasons = await renderCluster(cfkZookeeperQuorumLost());
      expect(textContent('Unhealthy for 7 min')).toBeInTheDocument();
      expect(reasons).toHaveTextContent(
        '1/3 ZooKeeper nodes ready, below the quorum of 2',
      );
      expect(reasons).toHaveTextContent('Proposed fix: Check that gp3 exists');
      expect(fact('Metadata')).toHaveTextContent('ZooKeeper');
      expect(fact('Reconciliation')).toHaveTextContent(
        'Reconciliation paused: Reconciliation is blocked by the annotation platform.confluent.io/block-reconcile (platform.confluent.io/block-reconcile)',
      );
      expect(fact('Owner')).toHaveTextContent(
        'Not in the catalog: no kafka-cluster Resource names this cluster',
      );

      const ensemble = await screen.findByRole('region', { name: 'ZooKeeper' });
      expect(within(ensemble).getByRole('heading')).toHaveTextContent(
        'ZooKeeper: 1/3 ready',
      );
      const zk2 = within(ensemble).getByRole('listitem', {
        name: 'ZooKeeper 2',
      });
      expect(zk2).toHaveTextContent('Not ready: Pending');
      expect(zk2).toHaveTextContent('PVC data-zookeeper-2: Pending (gp3)');

      const security = await openTab(/Security/);
      expect(
        within(security).getByRole('list', { name: 'Security posture' }),
      ).toHaveTextContent(
        'Authorization: none configured, so any client that connects may use every topic1 of 1 listeners without TLS1 of 1 listeners without authentication',
      );
    });
  });
});
