import { KubeObject } from '../../types';
import { SimContext } from '../context';

export const STRIMZI_GROUP = 'kafka.strimzi.io';
export const PODSET_GROUP = 'core.strimzi.io';
/** The cluster operator's field manager. */
export const STRIMZI_MANAGER = 'strimzi-cluster-operator';

/**
 * Which Strimzi runs the cluster, read from the CRDs it serves: 1.x serves `v1` only, 0.49–0.51
 * store `v1beta2` (Strimzi's docs). The operator writes at the stored version; `v1beta2` status
 * has fields `v1` dropped (`kafkaMetadataState`, `registeredNodeIds`, a listener's `type`).
 */
export interface StrimziFlavour {
  api: string;
  podSetApi: string;
  v1beta2: boolean;
  operatorVersion: string;
  /** Kafka and metadata versions used when the Kafka CR names none (the releases' examples). */
  kafkaVersion: string;
  metadataVersion: string;
}

export function strimziFlavour(ctx: SimContext): StrimziFlavour | undefined {
  const api = ctx.storedAt(STRIMZI_GROUP, 'Kafka');
  if (!api) return undefined;
  const v1beta2 = api.endsWith('/v1beta2');
  return {
    api,
    podSetApi:
      ctx.storedAt(PODSET_GROUP, 'StrimziPodSet') ?? `${PODSET_GROUP}/v1`,
    v1beta2,
    operatorVersion: v1beta2 ? '0.51.0' : '1.2.0',
    kafkaVersion: v1beta2 ? '4.2.0' : '4.3.1',
    metadataVersion: v1beta2 ? '4.2-IV1' : '4.3-IV0',
  };
}

/** The stored API version of another Strimzi kind (KafkaNodePool, KafkaTopic, …). */
export function strimziApi(ctx: SimContext, kind: string): string | undefined {
  return ctx.storedAt(STRIMZI_GROUP, kind);
}

/**
 * The labels Strimzi sets on everything it creates for a resource (Strimzi's docs): the
 * resource's own labels are copied, then the `strimzi.io/*` and `app.kubernetes.io/*` ones.
 */
export function strimziLabels(
  owner: Readonly<KubeObject>,
  cluster: string,
  kind: string,
  name: string,
  componentType: string,
): Record<string, string> {
  const own = Object.fromEntries(
    Object.entries(owner.metadata.labels ?? {}).filter(
      ([k]) =>
        !k.startsWith('strimzi.io/') && !k.startsWith('app.kubernetes.io/'),
    ),
  );
  return {
    ...own,
    'app.kubernetes.io/instance': cluster,
    'app.kubernetes.io/managed-by': STRIMZI_MANAGER,
    'app.kubernetes.io/name': componentType,
    'app.kubernetes.io/part-of': `strimzi-${cluster}`,
    'strimzi.io/cluster': cluster,
    'strimzi.io/component-type': componentType,
    'strimzi.io/kind': kind,
    'strimzi.io/name': name,
  };
}

/** The selector labels of a Strimzi component (cluster, kind, name). */
export function selectorLabels(cluster: string, kind: string, name: string) {
  return {
    'strimzi.io/cluster': cluster,
    'strimzi.io/kind': kind,
    'strimzi.io/name': name,
  };
}

/** The image Strimzi runs for a Kafka version. */
export function kafkaImage(flavour: StrimziFlavour, version: string): string {
  return `quay.io/strimzi/kafka:${flavour.operatorVersion}-kafka-${version}`;
}

/** Strimzi's pause annotation (Strimzi's docs). */
export function paused(object: Readonly<KubeObject>): boolean {
  return (
    object.metadata.annotations?.['strimzi.io/pause-reconciliation'] === 'true'
  );
}
