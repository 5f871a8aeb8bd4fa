import {
  cfkComponent,
  cfkKafka,
  cfkPod,
  cfkTopic,
  kraftController,
  statefulSet,
} from '../__fixtures__/cfk';
import { ago, pvc, warningEvent } from '../__fixtures__/core';
import {
  nodePool,
  podSet,
  strimziKafka,
  strimziNodePod,
  strimziTopic,
} from '../__fixtures__/strimzi';
import path from 'path';
import { snapshotOf } from './__testUtils__/snapshot';
import { ARGO_CD_FIXTURES, readYaml } from './__testUtils__/fixtures';

function size(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}

// One Kafka cluster as the benchmark fleet has it (issue 5): its CRs, 3 controllers and 3
// brokers with PVCs, a few warning events, and 20 topics.
function cfkCluster(i: number): unknown[] {
  const name = `kafka-${i}`;
  return [
    kraftController({ name: `kraft-${i}` }),
    cfkKafka({
      name,
      spec: {
        dependencies: {
          kRaftController: { clusterRef: { name: `kraft-${i}` } },
        },
      },
    }),
    statefulSet({ name, type: 'kafka', owner: 'Kafka' }),
    statefulSet({
      name: `kraft-${i}`,
      type: 'kraftcontroller',
      owner: 'KRaftController',
    }),
    ...[0, 1, 2].flatMap(o => [
      cfkPod(name, 'kafka', o),
      pvc({ namespace: 'destination', name: `data0-${name}-${o}` }),
    ]),
    ...[0, 1, 2].flatMap(o => [
      cfkPod(`kraft-${i}`, 'kraftcontroller', o),
      pvc({ namespace: 'destination', name: `data0-kraft-${i}-${o}` }),
    ]),
    cfkComponent('SchemaRegistry', `sr-${i}`, `${name}:9071`),
    ...Array.from({ length: 20 }, (_, t) =>
      cfkTopic(
        `${name}-topic-${t}`,
        { kafkaClusterRef: { name } },
        { labels: { 'backstage.io/kubernetes-id': `service-${t}` } },
      ),
    ),
    ...[0, 1].map(e =>
      warningEvent({
        namespace: 'destination',
        involved: { kind: 'Pod', name: `${name}-${e}` },
        reason: 'Unhealthy',
        message:
          'Readiness probe failed: Get "https://10.244.1.17:9071/": dial tcp 10.244.1.17:9071: connect: connection refused',
        first: ago(30),
        last: ago(1),
        count: 12,
      }),
    ),
  ];
}

function strimziCluster(i: number): unknown[] {
  const cluster = `cluster-${i}`;
  return [
    strimziKafka({ name: cluster }),
    nodePool('controller', ['controller'], [0, 1, 2], { cluster }),
    nodePool('broker', ['broker'], [3, 4, 5], { cluster }),
    podSet('controller', [0, 1, 2], { cluster }),
    podSet('broker', [3, 4, 5], { cluster }),
    ...[0, 1, 2].map(id =>
      strimziNodePod('controller', id, ['controller'], { cluster }),
    ),
    ...[3, 4, 5].map(id =>
      strimziNodePod('broker', id, ['broker'], { cluster }),
    ),
    ...[0, 1, 2, 3, 4, 5].map(id =>
      pvc({ namespace: 'myproject', name: `data-0-${cluster}-${id}` }),
    ),
    ...Array.from({ length: 20 }, (_, t) =>
      strimziTopic(`${cluster}-topic-${t}`, { cluster }),
    ),
  ];
}

describe('projections and the memory budget (1,000 Kafka clusters and 20,000 topics under 150 MB)', () => {
  // JSON bytes understate a V8 heap; 3× is a generous allowance for object headers and
  // pointers. The benchmark measures the real heap; this test keeps projections honest.
  const HEAP_PER_JSON_BYTE = 3;
  const BUDGET = 150 * 1024 * 1024;

  it.each([
    ['CFK', cfkCluster],
    ['Strimzi', strimziCluster],
  ])(
    '%s: a cluster projects to a fraction of its objects, within budget for 1,000',
    (_, build) => {
      const objects = Array.from({ length: 3 }, (__, i) => build(i)).flat();
      const snapshot = snapshotOf(objects);
      const raw = size(objects) / 3;
      const projected = size(snapshot.objects) / 3;
      expect(projected).toBeLessThan(raw / 2);
      expect(projected * 1000 * HEAP_PER_JSON_BYTE).toBeLessThan(BUDGET);
    },
  );

  it('keeps a pod under 1 KB', () => {
    const snapshot = snapshotOf([strimziNodePod('broker', 3, ['broker'])]);
    expect(size(snapshot.objects['strimzi/pods'])).toBeLessThan(1024);
  });
});

describe('projections drop credentials (Argo CD’s samples)', () => {
  const argo = (file: string) => readYaml(path.join(ARGO_CD_FIXTURES, file))[0];

  it('drops CFK listener client snippets', () => {
    const kafka = argo('platform.confluent.io/Kafka/testdata/healthy.yaml');
    expect(JSON.stringify(kafka)).toContain('security.protocol=PLAINTEXT');
    const projected = JSON.stringify(snapshotOf([kafka]).objects);
    expect(projected).toContain('kafka.confluent.svc.cluster.local:9071');
    expect(projected).not.toMatch(
      /bootstrap\.servers=|security\.protocol|"client"/,
    );
  });

  it('drops Strimzi authentication secrets and configuration', () => {
    const bridge = argo('kafka.strimzi.io/KafkaBridge/testdata/degraded.yaml');
    const connect = argo('kafka.strimzi.io/KafkaConnect/testdata/healthy.yaml');
    expect(JSON.stringify(bridge)).toContain('passwordSecret');
    const projected = JSON.stringify(snapshotOf([bridge, connect]).objects);
    expect(projected).not.toMatch(
      /passwordSecret|kafka-connect-credentials|trustedCertificates|ssl\.|config\.providers/,
    );
    expect(projected).toContain('kafka-bootstrap:9095');
  });
});
