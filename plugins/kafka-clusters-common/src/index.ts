/**
 * Types, annotation names, permissions and the namespace globs shared by the kafka-clusters
 * plugins, and the status model: the verdict (`KafkaHealth`, see the README's verdict table),
 * `KafkaClusterStatus` and the backend's response types.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './environments';
export * from './permissions';
export * from './signals';
export * from './model';
