import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { KubeObject } from '../types';

/** The CRD sets of `shared/crds`, by folder name. @public */
export type CrdSetName =
  | 'cfk-3.3.0'
  | 'strimzi-0.51.0'
  | 'strimzi-1.2.0'
  | (string & {});

/** The repository root: this file is packages/kube-sandbox/src/resources/crdSets.ts. */
// The sandbox only ever runs from source (a private package, never built), so __dirname is stable.
// eslint-disable-next-line no-restricted-syntax
export const REPO_ROOT = resolve(__dirname, '../../../..');

/** `KUBE_SANDBOX_CRDS_DIR`, else `../shared/crds` from the repository root. @public */
export function defaultCrdsDir(env: NodeJS.ProcessEnv = process.env) {
  return resolve(REPO_ROOT, env.KUBE_SANDBOX_CRDS_DIR || '../shared/crds');
}

const parsed = new Map<string, KubeObject[]>();

/**
 * Reads the CRDs of one set from disk (each YAML file once per process). Throws an Error naming the
 * folder when it is missing.
 * @public
 */
export function loadCrdSet(crdsDir: string, set: CrdSetName): KubeObject[] {
  const dir = join(crdsDir, set);
  if (!existsSync(dir)) {
    throw new Error(
      `kube-sandbox: the CRD folder ${dir} does not exist. The real CRDs are read from KUBE_SANDBOX_CRDS_DIR, ` +
        `else ../shared/crds from the repository root (${resolve(
          crdsDir,
        )}); set it to the folder holding ${set}/.`,
    );
  }
  const out: KubeObject[] = [];
  for (const file of readdirSync(dir)
    .filter(f => /\.ya?ml$/.test(f))
    .sort()) {
    const path = join(dir, file);
    let docs = parsed.get(path);
    if (!docs) {
      docs = parseAllDocuments(readFileSync(path, 'utf8'))
        .map(d => d.toJS() as KubeObject)
        .filter(d => d?.kind === 'CustomResourceDefinition');
      parsed.set(path, docs);
    }
    out.push(...docs);
  }
  return out;
}

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
