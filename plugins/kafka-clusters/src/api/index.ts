export { kafkaClustersApiRef } from './KafkaClustersApi';
export type { KafkaClustersApi } from './KafkaClustersApi';
export { KafkaClustersClient } from './KafkaClustersClient';
export { kafkaClustersApiFactory } from './apiFactory';
