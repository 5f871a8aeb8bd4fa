import fs from 'node:fs';
import path from 'node:path';
import { loadCrdSet } from '@k8s-kafka/operator-crds';
// The demo fleet of the sandbox: a test double, written after the operators' documented samples.
import { FLEET_OBJECTS } from '@k8s-kafka/kube-sandbox/src/demo/seed';
import { cfkFacts } from './cfk/facts';
import { strimziFacts } from './strimzi/facts';
import { findReferences, resolveReference } from './common/references';
import { cfkComponent, healthyCfkEnvironment } from '../__fixtures__/cfk';
import { healthyStrimziEnvironment } from '../__fixtures__/strimzi';
import { ARGO_CD_FIXTURES, readYaml } from './__testUtils__/fixtures';

const FACTS = [cfkFacts, strimziFacts];

const id = (o: { kind: string; namespace?: string; name: string }) =>
  `${o.kind} ${o.namespace}/${o.name}`;

/** Every reference of an environment as `from field → to`, `to` undefined when unresolved. */
function edges(objects: readonly unknown[]) {
  return objects.flatMap(object =>
    findReferences(object, FACTS).map(ref => {
      const to = resolveReference(ref, objects, FACTS);
      return {
        from: id(ref.from),
        field: ref.path.join('.'),
        to: to && id(to),
      };
    }),
  );
}

function counts(list: { from: string; to?: string }[]) {
  const byPair: Record<string, number> = {};
  for (const e of list) {
    const key = `${e.from.split(' ')[0]} → ${e.to?.split(' ')[0]}`;
    byPair[key] = (byPair[key] ?? 0) + 1;
  }
  return byPair;
}

describe('reference maps against the demo fleet', () => {
  // The demo's environments; `dev` starts empty (only the Secrets a new environment needs).
  it.each(['prod-eu', 'prod-us', 'staging'])(
    'every reference found in %s resolves to an object of that environment',
    cluster => {
      const found = edges(FLEET_OBJECTS[cluster]());
      expect(found.length).toBeGreaterThan(0);
      expect(found.filter(e => e.to === undefined)).toEqual([]);
    },
  );

  it('finds prod-eu’s cluster refs, REST class refs and bootstrap endpoints, across namespaces', () => {
    const found = edges(FLEET_OBJECTS['prod-eu']());
    expect(counts(found)).toEqual({
      'Kafka → KRaftController': 2,
      'SchemaRegistry → Kafka': 1,
      'Connect → Kafka': 1,
      'KafkaRestClass → Kafka': 2,
      'KafkaTopic → KafkaRestClass': 12,
      'Connector → Connect': 2,
      'ConfluentRolebinding → KafkaRestClass': 5,
      'ClusterLink → KafkaRestClass': 2,
      'ClusterLink → Kafka': 1,
    });
    expect(
      found.filter(e => e.from === 'ClusterLink payments/shared-to-payments'),
    ).toEqual([
      {
        from: 'ClusterLink payments/shared-to-payments',
        field: 'spec.sourceKafkaCluster.kafkaRestClassRef.name',
        to: 'KafkaRestClass kafka-platform/shared-rest',
      },
      {
        from: 'ClusterLink payments/shared-to-payments',
        field: 'spec.sourceKafkaCluster.bootstrapEndpoint',
        to: 'Kafka kafka-platform/shared',
      },
      {
        from: 'ClusterLink payments/shared-to-payments',
        field: 'spec.destinationKafkaCluster.kafkaRestClassRef.name',
        to: 'KafkaRestClass payments/payments-rest',
      },
    ]);
    expect(
      found.filter(
        e => e.from === 'SchemaRegistry kafka-platform/schemaregistry',
      ),
    ).toEqual([
      {
        from: 'SchemaRegistry kafka-platform/schemaregistry',
        field: 'spec.dependencies.kafka.bootstrapEndpoint',
        to: 'Kafka kafka-platform/shared',
      },
    ]);
  });

  it('finds the cluster labels of Strimzi’s children (prod-us, v1)', () => {
    expect(counts(edges(FLEET_OBJECTS['prod-us']()))).toEqual({
      'KafkaNodePool → Kafka': 2,
      'KafkaTopic → Kafka': 4,
      'KafkaUser → Kafka': 3,
    });
  });

  it('finds Connect’s and MirrorMaker 2’s bootstrap servers (staging, v1beta2), not the address outside the cluster', () => {
    const found = edges(FLEET_OBJECTS.staging());
    expect(counts(found)).toEqual({
      'KafkaNodePool → Kafka': 2,
      'KafkaTopic → Kafka': 3,
      'KafkaUser → Kafka': 2,
      'KafkaConnect → Kafka': 1,
      'KafkaConnector → KafkaConnect': 1,
      'KafkaMirrorMaker2 → Kafka': 1,
    });
    expect(
      found.filter(
        e =>
          e.from.startsWith('KafkaMirrorMaker2') ||
          e.from.startsWith('KafkaConnect'),
      ),
    ).toEqual([
      {
        from: 'KafkaConnect shipping/shipping-connect',
        field: 'spec.bootstrapServers',
        to: 'Kafka shipping/shipping-kafka',
      },
      {
        from: 'KafkaConnector shipping/shipping-events-to-s3',
        field: 'metadata.labels.strimzi.io/cluster',
        to: 'KafkaConnect shipping/shipping-connect',
      },
      {
        from: 'KafkaMirrorMaker2 shipping/shipping-mirror',
        field: 'spec.clusters.1.bootstrapServers',
        to: 'Kafka shipping/shipping-kafka',
      },
    ]);
  });
});

describe('reference maps against the operators’ samples', () => {
  it('resolves every reference of the real-shaped environments of the rules’ fixtures', () => {
    const cfk = [
      ...healthyCfkEnvironment(),
      cfkComponent(
        'SchemaRegistry',
        'schemaregistry',
        'kafka.destination.svc.cluster.local:9071',
      ),
    ];
    for (const objects of [cfk, healthyStrimziEnvironment()]) {
      const found = edges(objects);
      expect(found.length).toBeGreaterThan(0);
      expect(found.filter(e => e.to === undefined)).toEqual([]);
    }
  });

  it('reads what Argo CD’s Strimzi samples point at', () => {
    const sample = (kind: string, file = 'healthy.yaml') =>
      readYaml(
        path.join(ARGO_CD_FIXTURES, 'kafka.strimzi.io', kind, 'testdata', file),
      )[0];
    const refs = (object: unknown) =>
      findReferences(object, FACTS).map(r => ({
        field: r.path.join('.'),
        to: r.to,
      }));
    expect(refs(sample('KafkaTopic'))).toEqual([
      {
        field: 'metadata.labels.strimzi.io/cluster',
        to: {
          via: 'name',
          kind: 'Kafka',
          namespace: 'default',
          name: 'my-cluster',
        },
      },
    ]);
    expect(refs(sample('KafkaBridge'))).toEqual([
      {
        field: 'spec.bootstrapServers',
        to: {
          via: 'dns',
          kind: 'Kafka',
          namespace: 'strimzi',
          service: 'kafka-bootstrap',
        },
      },
    ]);
    // An MSK cluster: outside the Kubernetes cluster, so not a reference to the environment.
    expect(refs(sample('KafkaConnect'))).toEqual([]);
  });
});

/** The schema of a field in a CRD version, following `[]` into items. */
function schemaAt(schema: any, field: readonly string[]): unknown {
  let at = schema;
  for (const segment of field) {
    at = segment === '[]' ? at?.items : at?.properties?.[segment];
    if (!at) return undefined;
  }
  return at;
}

describe.each([
  ['cfk', cfkFacts, ['cfk-3.3.0']],
  ['strimzi', strimziFacts, ['strimzi-0.51.0', 'strimzi-1.2.0']],
] as const)('%s reference map against the real CRDs', (_, facts, sets) => {
  const specFields = facts.references.filter(r => r.field[0] === 'spec');
  it.each(specFields.map(r => [`${r.kind} ${r.field.join('.')}`, r]))(
    '%s is a string field of a served version',
    (__, reference) => {
      const versions = sets.flatMap(set =>
        loadCrdSet(set)
          .filter(
            crd =>
              crd.spec.group === facts.group &&
              crd.spec.names.kind === reference.kind,
          )
          .flatMap(crd => crd.spec.versions.filter(v => v.served)),
      );
      const having = versions.filter(
        v =>
          (schemaAt(v.schema?.openAPIV3Schema, reference.field) as any)
            ?.type === 'string',
      );
      expect(having.map(v => v.name)).not.toEqual([]);
      for (const name of reference.versions ?? []) {
        expect(having.map(v => v.name)).toContain(name);
      }
    },
  );

  it('names kinds the CRDs define', () => {
    const kinds = new Set(
      sets.flatMap(set => loadCrdSet(set).map(crd => crd.spec.names.kind)),
    );
    for (const reference of facts.references) {
      expect(kinds).toContain(reference.kind);
      expect(kinds).toContain(reference.points.kind);
    }
  });
});

it('keeps the fixture files where the tests read them', () => {
  expect(fs.existsSync(ARGO_CD_FIXTURES)).toBe(true);
});
