/**
 * The kafka-clusters backend plugin.
 *
 * @packageDocumentation
 */

export { kafkaClustersPlugin as default } from './plugin';
