import fs from 'fs';
import path from 'path';
import {
  HealthReason,
  HealthReasonCode,
  KafkaClusterStatus,
  KafkaHealth,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { POD_KEYS, snapshotOf } from './__testUtils__/snapshot';
import { ARGO_CD_FIXTURES, nowAfter, readYaml } from './__testUtils__/fixtures';
import { cfkAdapter } from './cfk';
import { strimziAdapter } from './strimzi';
import { ruleContext } from './common/context';
import { itemsOf } from './types';
import { strimziWatches } from './strimzi/health/watches';
import {
  strimziConnectorStatus,
  strimziDeploymentStatus,
} from './strimzi/health/components';
import { StrimziEnv } from './strimzi/health/env';
import { buildStrimziIndex } from './strimzi/health/matching';

// Argo CD's own samples and verdicts, verbatim (src/__fixtures__/argo-cd).
const ARGO = ARGO_CD_FIXTURES;

interface ArgoCase {
  group: string;
  kind: string;
  file: string;
  expected: 'Healthy' | 'Progressing' | 'Degraded';
  object: any;
}

function argoCases(): ArgoCase[] {
  const cases: ArgoCase[] = [];
  for (const group of fs
    .readdirSync(ARGO)
    .filter(d => fs.statSync(path.join(ARGO, d)).isDirectory())) {
    for (const kind of fs.readdirSync(path.join(ARGO, group))) {
      const dir = path.join(ARGO, group, kind);
      const [tests] = readYaml(path.join(dir, 'health_test.yaml')) as any[];
      for (const test of tests.tests) {
        const [object] = readYaml(path.join(dir, test.inputPath));
        cases.push({
          group,
          kind,
          file: test.inputPath,
          expected: test.healthStatus.status,
          object,
        });
      }
    }
  }
  return cases;
}

function argoObject(group: string, kind: string, file: string): any {
  return readYaml(path.join(ARGO, group, kind, 'testdata', file))[0];
}

interface Verdict {
  health: KafkaHealth;
  reasons: HealthReason[];
}

function only<T>(items: readonly T[], what: string): T {
  if (items.length !== 1) {
    throw new Error(`Expected exactly one ${what}, found ${items.length}`);
  }
  return items[0];
}

function assembleOne(objects: unknown[], now: Date): KafkaClusterStatus {
  const snapshot = snapshotOf(objects, { unwatched: POD_KEYS });
  const statuses = [
    ...cfkAdapter.assemble(snapshot, { now }),
    ...strimziAdapter.assemble(snapshot, { now }),
  ];
  return only(statuses, 'Kafka cluster');
}

// A minimal Strimzi environment for resources whose Kafka cluster is not among the samples
// (Argo's KafkaConnect talks to MSK, its KafkaConnector's Connect is not in the data).
function strimziEnv(objects: unknown[], now: Date): StrimziEnv {
  const snapshot = snapshotOf(objects, { unwatched: POD_KEYS });
  return {
    cluster: 'test',
    ctx: ruleContext(snapshot, { now }),
    index: buildStrimziIndex([]),
    currentRevision: () => undefined,
    topics: new Map(),
    users: new Map(),
    connectors: new Map(),
  };
}

/** Our verdict on the sample, through the same rules (and, where it can, the same matching) as in production. */
function judge(c: ArgoCase): Verdict {
  const now = nowAfter(c.object);
  if (c.group === 'platform.confluent.io') {
    // The CFK samples are one environment in namespace `confluent`: Kafka with ZooKeeper.
    const kafka =
      c.kind === 'Kafka'
        ? c.object
        : argoObject(c.group, 'Kafka', 'healthy.yaml');
    const zookeeper =
      c.kind === 'Zookeeper'
        ? c.object
        : argoObject(c.group, 'Zookeeper', 'healthy.yaml');
    const connect =
      c.kind === 'Connect'
        ? c.object
        : argoObject(c.group, 'Connect', 'healthy.yaml');
    const objects = [kafka, zookeeper];
    if (c.kind !== 'Kafka' && c.kind !== 'Zookeeper') objects.push(connect);
    if (!['Kafka', 'Zookeeper', 'Connect', 'Connector'].includes(c.kind))
      objects.push(c.object);
    if (c.kind === 'Connector') objects.push(c.object);
    const status = assembleOne(objects, now);
    switch (c.kind) {
      case 'Kafka':
        return status;
      case 'Zookeeper': {
        const reasons = status.reasons.filter(
          r => r.resource.kind === 'Zookeeper',
        );
        return { health: reasons.length ? worst(reasons) : 'healthy', reasons };
      }
      case 'Connector':
        return only(
          only(
            status.components.filter(x => x.type === 'connect'),
            'Connect',
          ).connectors,
          'connector',
        );
      default:
        return only(
          status.components.filter(x => x.resource.kind === c.kind),
          c.kind,
        );
    }
  }
  switch (c.kind) {
    case 'Kafka':
      return assembleOne([c.object], now);
    case 'KafkaTopic':
    case 'KafkaUser': {
      // Their cluster, `default/my-cluster`, is Argo's Kafka sample.
      const status = assembleOne(
        [argoObject(c.group, 'Kafka', 'healthy.yaml'), c.object],
        nowAfter(c.object),
      );
      return c.kind === 'KafkaTopic'
        ? only(status.topics, 'topic')
        : only(status.access, 'user');
    }
    case 'KafkaConnect':
    case 'KafkaBridge': {
      const env = strimziEnv([c.object], now);
      const spec =
        c.kind === 'KafkaConnect'
          ? strimziWatches.connects
          : strimziWatches.bridges;
      const [deployment] = itemsOf(snapshotOf([c.object]), spec)!;
      return strimziDeploymentStatus(deployment, [], env).status;
    }
    case 'KafkaConnector': {
      const env = strimziEnv([c.object], now);
      const [connector] = itemsOf(
        snapshotOf([c.object]),
        strimziWatches.connectors,
      )!;
      return strimziConnectorStatus(connector, env.ctx);
    }
    default:
      throw new Error(`No rule for Argo CD's ${c.group} ${c.kind}: add one`);
  }
}

const ORDER: KafkaHealth[] = [
  'unhealthy',
  'degraded',
  'unknown',
  'progressing',
  'healthy',
];
function worst(reasons: HealthReason[]): KafkaHealth {
  return ORDER.find(h => reasons.some(r => r.impact === h)) ?? 'healthy';
}

const ARGO_VERDICT: Record<ArgoCase['expected'], KafkaHealth> = {
  Healthy: 'healthy',
  Progressing: 'progressing',
  Degraded: 'degraded',
};

/**
 * Reason codes read from the very evidence Argo CD's health.lua reads (CFK `status.phase`, a
 * Connector's `state` / `connectorState` / `failedTasksCount`, Strimzi's `Ready` / `NotReady`
 * conditions). A verdict stricter than Argo CD's may never rest on one of these: it would be the
 * same data judged differently, not more data.
 */
const SAME_EVIDENCE_AS_ARGO: readonly HealthReasonCode[] = [
  'Provisioning',
  'UnknownPhase',
  'ReconcileFailed',
  'StaleOperatorCondition',
  'ResourceFailed',
  'ResourcePending',
  'ConnectorFailed',
  'ConnectorTaskFailed',
];

interface Expected {
  /** Our verdict on the sample, written by hand. */
  health: KafkaHealth;
  /** When stricter than Argo CD's: the reason codes that say why, each naming its evidence. */
  stricterBy?: HealthReasonCode[];
}

/**
 * What our rules say of each of Argo CD's samples, by hand. Equal to Argo CD's verdict, except:
 * - Strimzi Kafka without any status: `unknown` (`NoStatus`, the verdict table), where Argo CD
 *   says Progressing ("Waiting for Kafka Cluster"): a Kafka CR the cluster operator never
 *   reconciled is not known to be on its way, and `unknown` ranks above `progressing`.
 * - KafkaBridge, KafkaConnect and KafkaConnector without any status: `unknown` (`NoStatus`);
 *   each sample was created more than `changeStuckAfterSeconds` before its latest timestamp
 *   (its `deletionTimestamp`, 3.5 months later), an age Argo CD does not read.
 * - KafkaBridge and KafkaConnector "healthy": `progressing` (`SpecNotObserved`): their
 *   `metadata.generation` (25) is ahead of `status.observedGeneration` (14 and 1), which Argo CD
 *   does not read; the operator has not yet answered for the latest spec.
 */
const EXPECTED: Record<string, Expected> = {
  'platform.confluent.io Connect testdata/healthy.yaml': { health: 'healthy' },
  'platform.confluent.io Connect testdata/progressing.yaml': {
    health: 'progressing',
  },
  'platform.confluent.io Connector testdata/connector-healthy.yaml': {
    health: 'healthy',
  },
  'platform.confluent.io Connector testdata/connector-failure.yaml': {
    health: 'degraded',
  },
  'platform.confluent.io Connector testdata/connector-task-failure.yaml': {
    health: 'degraded',
  },
  'platform.confluent.io ControlCenter testdata/healthy.yaml': {
    health: 'healthy',
  },
  'platform.confluent.io ControlCenter testdata/progressing.yaml': {
    health: 'progressing',
  },
  'platform.confluent.io Kafka testdata/healthy.yaml': { health: 'healthy' },
  'platform.confluent.io Kafka testdata/progressing.yaml': {
    health: 'progressing',
  },
  'platform.confluent.io KsqlDB testdata/healthy.yaml': { health: 'healthy' },
  'platform.confluent.io KsqlDB testdata/progressing.yaml': {
    health: 'progressing',
  },
  'platform.confluent.io SchemaRegistry testdata/healthy.yaml': {
    health: 'healthy',
  },
  'platform.confluent.io SchemaRegistry testdata/progressing.yaml': {
    health: 'progressing',
  },
  'platform.confluent.io Zookeeper testdata/healthy.yaml': {
    health: 'healthy',
  },
  'platform.confluent.io Zookeeper testdata/progressing.yaml': {
    health: 'progressing',
  },
  'kafka.strimzi.io Kafka testdata/degraded.yaml': { health: 'degraded' },
  'kafka.strimzi.io Kafka testdata/healthy.yaml': { health: 'healthy' },
  'kafka.strimzi.io Kafka testdata/progressing_noStatus.yaml': {
    health: 'unknown',
    stricterBy: ['NoStatus'],
  },
  'kafka.strimzi.io KafkaBridge testdata/degraded.yaml': { health: 'degraded' },
  'kafka.strimzi.io KafkaBridge testdata/healthy.yaml': {
    health: 'progressing',
    stricterBy: ['SpecNotObserved'],
  },
  'kafka.strimzi.io KafkaBridge testdata/progressing_noStatus.yaml': {
    health: 'unknown',
    stricterBy: ['NoStatus'],
  },
  'kafka.strimzi.io KafkaConnect testdata/degraded.yaml': {
    health: 'degraded',
  },
  'kafka.strimzi.io KafkaConnect testdata/healthy.yaml': { health: 'healthy' },
  'kafka.strimzi.io KafkaConnect testdata/progressing_noStatus.yaml': {
    health: 'unknown',
    stricterBy: ['NoStatus'],
  },
  'kafka.strimzi.io KafkaConnector testdata/degraded.yaml': {
    health: 'degraded',
  },
  'kafka.strimzi.io KafkaConnector testdata/healthy.yaml': {
    health: 'progressing',
    stricterBy: ['SpecNotObserved'],
  },
  'kafka.strimzi.io KafkaConnector testdata/progressing_noStatus.yaml': {
    health: 'unknown',
    stricterBy: ['NoStatus'],
  },
  'kafka.strimzi.io KafkaTopic testdata/degraded.yaml': { health: 'degraded' },
  'kafka.strimzi.io KafkaTopic testdata/healthy.yaml': { health: 'healthy' },
  'kafka.strimzi.io KafkaTopic testdata/progressing_noStatus.yaml': {
    health: 'progressing',
  },
  'kafka.strimzi.io KafkaUser testdata/degraded.yaml': { health: 'degraded' },
  'kafka.strimzi.io KafkaUser testdata/healthy.yaml': { health: 'healthy' },
  'kafka.strimzi.io KafkaUser testdata/progressing_noStatus.yaml': {
    health: 'progressing',
  },
};

const cases = argoCases();
const nameOf = (c: ArgoCase) => `${c.group} ${c.kind} ${c.file}`;

describe("Argo CD's verdicts on real-shaped CFK and Strimzi resources", () => {
  it('reads every sample: 15 CFK and 18 Strimzi, each with a hand-written expectation', () => {
    expect(cases.filter(c => c.group === 'platform.confluent.io')).toHaveLength(
      15,
    );
    expect(cases.filter(c => c.group === 'kafka.strimzi.io')).toHaveLength(18);
    expect(cases.map(nameOf).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('differs from Argo CD only where the table says so, and only to be stricter', () => {
    // For each sample, what is wrong with its expectation; nothing, for every one of them.
    const problems = cases.flatMap(c => {
      const expected = EXPECTED[nameOf(c)];
      const argo = ARGO_VERDICT[c.expected];
      if (expected.health === argo) {
        return expected.stricterBy
          ? [`${nameOf(c)}: as Argo CD, yet says stricterBy`]
          : [];
      }
      const found: string[] = [];
      if (ORDER.indexOf(expected.health) > ORDER.indexOf(argo)) {
        found.push(`${nameOf(c)}: better than Argo CD's ${c.expected}`);
      }
      if (!expected.stricterBy?.length) {
        found.push(`${nameOf(c)}: stricter than Argo CD without a reason`);
      }
      for (const code of expected.stricterBy ?? []) {
        if (SAME_EVIDENCE_AS_ARGO.includes(code)) {
          found.push(`${nameOf(c)}: ${code} reads what Argo CD reads`);
        }
      }
      return found;
    });
    expect(problems).toEqual([]);
  });

  it.each(cases.map(c => [nameOf(c), c] as const))('%s', (name, c) => {
    const ours = judge(c);
    const expected = EXPECTED[name];
    expect(ours.health).toBe(expected.health);
    const nonHealthy = ours.reasons.filter(r => r.impact !== 'healthy');
    // Every verdict but healthy says why and where.
    expect(ours.health === 'healthy' || nonHealthy.length > 0).toBe(true);
    expect(nonHealthy.filter(r => !r.resource.name || !r.message)).toEqual([]);
    // A stricter verdict rests on exactly the reasons the table names, each naming its resource.
    const worstReasons = expected.stricterBy
      ? nonHealthy.filter(r => r.impact === ours.health)
      : [];
    expect(worstReasons.map(r => r.code).sort()).toEqual(
      [...(expected.stricterBy ?? [])].sort(),
    );
    expect(worstReasons.filter(r => !r.resource.kind)).toEqual([]);
  });
});

describe("matching Argo CD's CFK samples to one another", () => {
  it('finds the components through their bootstrap endpoints and the ZooKeeper through zookeeperConnect', () => {
    const group = 'platform.confluent.io';
    const objects = [
      'Kafka',
      'Zookeeper',
      'Connect',
      'ControlCenter',
      'KsqlDB',
      'SchemaRegistry',
    ].map(kind => argoObject(group, kind, 'healthy.yaml'));
    objects.push(argoObject(group, 'Connector', 'connector-healthy.yaml'));
    const status = assembleOne(objects, nowAfter(...objects));
    expect(status.metadataMode).toBe('zookeeper');
    expect(status.controllers).toMatchObject({ desired: 3, ready: 3 });
    expect(status.components.map(c => c.type).sort()).toEqual([
      'connect',
      'control-center',
      'ksqldb',
      'schema-registry',
    ]);
    expect(
      status.components
        .find(c => c.type === 'connect')
        ?.connectors.map(c => c.name),
    ).toEqual(['test-sftp-connector']);
    expect(status.health).toBe('healthy');
  });
});
