/**
 * Types, annotation names and permissions shared by the kafka-clusters plugins, and the status
 * model: the verdict (`KafkaHealth`, see the README's verdict table), `KafkaClusterStatus` and
 * the backend's response types.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './permissions';
export * from './model';
