/**
 * A Kubernetes object as the write side emits it: plain data, ready for YAML.
 *
 * @public
 */
export interface RenderedObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace: string;
    labels?: Record<string, string>;
  };
  spec: Record<string, unknown>;
}

/**
 * How big an environment is; each operator's renderer turns it into replicas and storage.
 *
 * @public
 */
export type SizeProfile = 'dev' | 'small' | 'production';

/**
 * A topic of a new environment.
 *
 * @public
 */
export interface TopicSpec {
  name: string;
  partitions: number;
  /** Replication factor; the size profile's when not given. */
  replicas?: number;
  config?: Record<string, string>;
}

/**
 * What a new environment is, whichever operator runs the cluster.
 *
 * @public
 */
export interface EnvironmentSpec {
  name: string;
  namespace: string;
  size: SizeProfile;
  topics: TopicSpec[];
  /** Value of the `backstage.io/kubernetes-id` label, so the Kafka tab finds the resources. */
  kubernetesId?: string;
}

/**
 * What a size profile means in brokers, controllers, storage and replication.
 *
 * @public
 */
export interface SizeFigures {
  brokers: number;
  controllers: number;
  storage: string;
  replicationFactor: number;
  minInsyncReplicas: number;
}

// dev trades durability for footprint; the others keep RF 3 and min.insync 2 so one broker
// can be rolled without refusing acks=all writes.
/** @public */
export const SIZE_PROFILES: Record<SizeProfile, SizeFigures> = {
  dev: {
    brokers: 1,
    controllers: 1,
    storage: '10Gi',
    replicationFactor: 1,
    minInsyncReplicas: 1,
  },
  small: {
    brokers: 3,
    controllers: 3,
    storage: '50Gi',
    replicationFactor: 3,
    minInsyncReplicas: 2,
  },
  production: {
    brokers: 5,
    controllers: 3,
    storage: '500Gi',
    replicationFactor: 3,
    minInsyncReplicas: 2,
  },
};

export function commonLabels(spec: EnvironmentSpec): Record<string, string> {
  return {
    'app.kubernetes.io/part-of': spec.name,
    'app.kubernetes.io/managed-by': 'backstage',
    ...(spec.kubernetesId
      ? { 'backstage.io/kubernetes-id': spec.kubernetesId }
      : {}),
  };
}
