/**
 * Operator adapters (CFK, Strimzi) and Kubernetes cluster access for the kafka-clusters
 * backend plugin, catalog module and scaffolder module.
 *
 * @packageDocumentation
 */

export * from './clusters';
export * from './operators';
