/* eslint-disable no-console */
// A Backstage backend with the two plugins the benchmark compares, the kafka-clusters plugin
// (unless BENCH_WITHOUT_KAFKA_CLUSTERS is set, for the heap baseline) and the Kubernetes
// plugin. Auth and permissions are the test doubles Backstage's own dev backends use, so both
// plugins pay the same, small price per request. Answers `heap` messages with the heap after a
// full garbage collection.
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

const entities: Entity[] = JSON.parse(process.env.BENCH_ENTITIES!);

const backend = createBackend();
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
);
backend.add(catalogServiceMock.factory({ entities }));
backend.add(import('@backstage/plugin-kubernetes-backend'));
if (!process.env.BENCH_WITHOUT_KAFKA_CLUSTERS) {
  // eslint-disable-next-line @backstage/no-mixed-plugin-imports -- a benchmark backend, like packages/backend
  backend.add(import('@k8s-kafka/plugin-kafka-clusters-backend'));
}
backend.start().then(
  () => process.send?.({ type: 'started' }),
  error => {
    console.error(error);
    process.exit(1);
  },
);

process.on('message', (message: { type: string }) => {
  if (message.type === 'heap') {
    (globalThis as { gc?: () => void }).gc?.();
    process.send!({ type: 'heap', heapUsed: process.memoryUsage().heapUsed });
  }
});
