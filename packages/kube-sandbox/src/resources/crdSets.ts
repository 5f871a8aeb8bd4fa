import { resolve } from 'node:path';
import { CrdSetName } from '@k8s-kafka/operator-crds';

export type { CrdSetName };
import { KubeObject } from '../types';

/** The repository root: this file is packages/kube-sandbox/src/resources/crdSets.ts. */
// The sandbox only ever runs from source (a private package, never built), so __dirname is stable.
// eslint-disable-next-line no-restricted-syntax
export const REPO_ROOT = resolve(__dirname, '../../../..');

type FallbackKind = [kind: string, plural: string, shortNames: string[]];

const CFK: FallbackKind[] = [
  ['Kafka', 'kafkas', ['kafka', 'broker']],
  ['KRaftController', 'kraftcontrollers', ['kraftcontroller', 'kraft']],
  ['Zookeeper', 'zookeepers', ['zookeeper', 'zk']],
  ['SchemaRegistry', 'schemaregistries', ['schemaregistry', 'sr']],
  ['Connect', 'connects', ['connect']],
  ['Connector', 'connectors', ['ctr', 'connector']],
  ['KsqlDB', 'ksqldbs', ['ksqldb', 'ksql']],
  ['ControlCenter', 'controlcenters', ['controlcenter', 'c3']],
  ['KafkaRestProxy', 'kafkarestproxies', ['kafkarestproxy', 'krp']],
  ['KafkaRestClass', 'kafkarestclasses', ['krc', 'kafkarestclass']],
  ['KafkaTopic', 'kafkatopics', ['kt', 'topic']],
  ['ClusterLink', 'clusterlinks', ['cl', 'clusterlink', 'clink']],
  ['SchemaExporter', 'schemaexporters', ['se', 'schemaexporter']],
  [
    'ConfluentRolebinding',
    'confluentrolebindings',
    ['cfrb', 'confluentrolebinding'],
  ],
];

const STRIMZI: FallbackKind[] = [
  ['Kafka', 'kafkas', ['k']],
  ['KafkaNodePool', 'kafkanodepools', ['knp']],
  ['KafkaTopic', 'kafkatopics', ['kt']],
  ['KafkaUser', 'kafkausers', ['ku']],
  ['KafkaConnect', 'kafkaconnects', ['kc']],
  ['KafkaConnector', 'kafkaconnectors', ['kctr']],
  ['KafkaMirrorMaker2', 'kafkamirrormaker2s', ['kmm2']],
  ['KafkaBridge', 'kafkabridges', ['kb']],
  ['KafkaRebalance', 'kafkarebalances', ['kr']],
];

function schemaless(
  group: string,
  versions: string[],
  storage: string,
  [kind, plural, shortNames]: FallbackKind,
  categories: string[],
): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${plural}.${group}`,
      annotations: { 'kube-sandbox/schemaless': 'true' },
    },
    spec: {
      group,
      scope: 'Namespaced',
      names: {
        kind,
        plural,
        singular: kind.toLowerCase(),
        listKind: `${kind}List`,
        shortNames,
        categories,
      },
      versions: versions.map(name => ({
        name,
        served: true,
        storage: name === storage,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            'x-kubernetes-preserve-unknown-fields': true,
          },
        },
      })),
    },
  };
}

/**
 * Schema-less stand-ins for the kinds the suite uses, for when the CRD folder is missing: served
 * like the real ones (names, versions, status subresource) but without validation.
 * @public
 */
export function fallbackCrdSet(set: CrdSetName): KubeObject[] {
  if (set.startsWith('cfk-')) {
    return CFK.map(k =>
      schemaless('platform.confluent.io', ['v1beta1'], 'v1beta1', k, [
        'all',
        'confluent-platform',
        'confluent',
      ]),
    );
  }
  if (set.startsWith('strimzi-')) {
    const legacy = /^strimzi-0\./.test(set);
    const versions = legacy ? ['v1', 'v1beta2'] : ['v1'];
    const storage = legacy ? 'v1beta2' : 'v1';
    return [
      ...STRIMZI.map(k =>
        schemaless('kafka.strimzi.io', versions, storage, k, ['strimzi']),
      ),
      schemaless(
        'core.strimzi.io',
        versions,
        storage,
        ['StrimziPodSet', 'strimzipodsets', ['sps']],
        ['strimzi'],
      ),
    ];
  }
  throw new Error(`kube-sandbox: no schema-less fallback for CRD set ${set}`);
}
