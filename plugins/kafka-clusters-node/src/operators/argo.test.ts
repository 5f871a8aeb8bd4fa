import fs from 'fs';
import path from 'path';
import {
  HealthReason,
  KafkaClusterStatus,
  KafkaHealth,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { POD_KEYS, snapshotOf } from './__testUtils__/snapshot';
import { ARGO_CD_FIXTURES, nowAfter, readYaml } from './__testUtils__/fixtures';
import { cfkAdapter } from './cfk';
import { strimziAdapter } from './strimzi';
import { ruleContext } from './common/context';
import { DEFAULT_HEALTH_THRESHOLDS, itemsOf } from './types';
import { strimziWatches } from './strimzi/health/watches';
import {
  strimziConnectorStatus,
  strimziDeploymentStatus,
} from './strimzi/health/components';
import { StrimziEnv } from './strimzi/health/env';
import { buildStrimziIndex } from './strimzi/health/matching';
import { get } from './common/raw';

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

function generationAhead(object: any): boolean {
  return (
    (get(object, 'metadata', 'generation') as number) >
    (get(object, 'status', 'observedGeneration') as number)
  );
}

function hasWarningCondition(object: any): boolean {
  return ((get(object, 'status', 'conditions') as any[]) ?? []).some(
    c => c.type === 'Warning' && c.status === 'True',
  );
}

const cases = argoCases();

describe("Argo CD's verdicts on real-shaped CFK and Strimzi resources", () => {
  it('reads every sample: 15 CFK and 18 Strimzi', () => {
    expect(cases.filter(c => c.group === 'platform.confluent.io')).toHaveLength(
      15,
    );
    expect(cases.filter(c => c.group === 'kafka.strimzi.io')).toHaveLength(18);
  });

  it.each(cases.map(c => [`${c.group} ${c.kind} ${c.file}`, c] as const))(
    '%s',
    (_, c) => {
      const ours = judge(c);
      const { allowed, unexplained } = expectation(c, ours);
      expect(allowed).toContain(ours.health);
      // Where we are stricter than Argo CD, each reason is backed by data Argo CD does not read.
      expect(unexplained).toEqual([]);
      // Every verdict but healthy says why and where.
      const nonHealthy = ours.reasons.filter(r => r.impact !== 'healthy');
      expect(ours.health === 'healthy' || nonHealthy.length > 0).toBe(true);
      expect(nonHealthy.filter(r => !r.resource.name || !r.message)).toEqual(
        [],
      );
    },
  );
});

/**
 * What our verdict may be, given Argo CD's:
 * - Degraded: degraded or unhealthy, never better.
 * - Progressing: progressing; without any status, `unknown` for a Kafka CR (the verdict table),
 *   and for a child `progressing` while younger than the stuck threshold, `unknown` after.
 * - Healthy: healthy, unless our rules see what Argo CD does not read (a Warning condition, a
 *   generation the operator has not observed); reasons the data does not back are returned.
 */
function expectation(
  c: ArgoCase,
  ours: Verdict,
): { allowed: KafkaHealth[]; unexplained: HealthReason[] } {
  const nonHealthy = ours.reasons.filter(r => r.impact !== 'healthy');
  if (c.expected === 'Degraded') {
    return { allowed: ['degraded', 'unhealthy'], unexplained: [] };
  }
  if (c.expected === 'Progressing') {
    if (get(c.object, 'status')) {
      return { allowed: ['progressing'], unexplained: [] };
    }
    const age =
      (nowAfter(c.object).getTime() -
        Date.parse(c.object.metadata.creationTimestamp)) /
      1000;
    const young = age <= DEFAULT_HEALTH_THRESHOLDS.changeStuckAfterSeconds;
    const health: KafkaHealth =
      c.kind !== 'Kafka' && young ? 'progressing' : 'unknown';
    const code = health === 'unknown' ? 'NoStatus' : 'ResourcePending';
    return {
      allowed: [health],
      unexplained: ours.reasons.some(r => r.code === code) ? [] : ours.reasons,
    };
  }
  if (c.expected !== 'Healthy') {
    throw new Error(`Unexpected Argo CD status ${c.expected}`);
  }
  const unexplained = nonHealthy.filter(
    r =>
      !(r.code === 'OperatorWarning' && hasWarningCondition(c.object)) &&
      !(
        ['SpecNotObserved', 'ResourcePending'].includes(r.code) &&
        generationAhead(c.object)
      ),
  );
  const stricter = nonHealthy.length > 0 ? [worst(nonHealthy)] : [];
  return { allowed: ['healthy', ...stricter], unexplained };
}

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
