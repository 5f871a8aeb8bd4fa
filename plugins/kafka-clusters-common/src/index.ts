/**
 * Types, annotation names and permissions shared by the kafka-clusters plugins.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './permissions';
