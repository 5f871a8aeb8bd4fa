import {
  createApiFactory,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { kafkaClustersApiRef } from './KafkaClustersApi';
import { KafkaClustersClient } from './KafkaClustersClient';

/**
 * Creates the {@link KafkaClustersClient} for {@link kafkaClustersApiRef}; for apps on the
 * old frontend system that register API factories themselves.
 *
 * @public
 */
export const kafkaClustersApiFactory = createApiFactory({
  api: kafkaClustersApiRef,
  deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
  factory: ({ discoveryApi, fetchApi }) =>
    new KafkaClustersClient({ discoveryApi, fetchApi }),
});
