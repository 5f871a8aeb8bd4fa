import { KafkaHealth } from './health';
import { KafkaPodStatus } from './nodes';
import { HealthReason, KubernetesObjectRef } from './reasons';

/**
 * What a component is, whichever operator runs it.
 *
 * @public
 */
export type KafkaComponentType =
  | 'schema-registry'
  | 'connect'
  | 'ksqldb'
  | 'control-center'
  | 'rest-proxy'
  | 'mirror-maker-2'
  | 'bridge'
  | 'entity-operator'
  | 'cruise-control'
  | 'kafka-exporter';

/**
 * One connector of a Connect cluster (CFK Connector, Strimzi KafkaConnector) or of MirrorMaker 2.
 *
 * @public
 */
export interface KafkaConnectorStatus {
  /** The connector's name in Connect. */
  name: string;
  /** The Connector / KafkaConnector CR, or the KafkaMirrorMaker2 CR for MirrorMaker 2's connectors. */
  resource: KubernetesObjectRef;
  labels?: Record<string, string>;
  /** The connector's state in Connect, e.g. `RUNNING`, `PAUSED`, `FAILED`. */
  state?: string;
  /** Tasks as Connect reports them; `failed` is 0 when none failed. */
  tasks: { total?: number; running?: number; failed: number };
  /** Restarts done by the operator's auto-restart. */
  autoRestarts?: number;
  health: KafkaHealth;
  reasons: HealthReason[];
}

/**
 * A component serving the Kafka cluster: Schema Registry, Connect, ksqlDB, Control Center,
 * REST Proxy (CFK); KafkaConnect, KafkaMirrorMaker2, KafkaBridge and the Kafka CR's own entity
 * operator, Cruise Control and Kafka Exporter (Strimzi).
 *
 * @public
 */
export interface KafkaComponentStatus {
  type: KafkaComponentType;
  /** The component's CR; for Strimzi's entity operator, Cruise Control and Kafka Exporter, the Kafka CR. */
  resource: KubernetesObjectRef;
  /** Name to show; the CR's name, or the Deployment's for Strimzi's operands. */
  name: string;
  labels?: Record<string, string>;
  health: KafkaHealth;
  reasons: HealthReason[];
  desired?: number;
  ready?: number;
  /** CFK's `status.phase`. */
  phase?: string;
  /** The component's REST endpoint when the operator publishes one. */
  endpoint?: string;
  pods: KafkaPodStatus[];
  /** Connectors of a Connect cluster or of MirrorMaker 2; empty for other types. */
  connectors: KafkaConnectorStatus[];
}
