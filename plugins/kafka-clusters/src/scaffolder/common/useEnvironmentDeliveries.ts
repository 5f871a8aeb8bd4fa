import { useApi } from '@backstage/frontend-plugin-api';
import { kafkaClustersApiRef } from '../../api';
import { usePolledValue } from '../../hooks/usePolledValue';

/** The deliveries the backend reports, loaded once per field (0: no polling in a form). */
export function useEnvironmentDeliveries() {
  const api = useApi(kafkaClustersApiRef);
  return usePolledValue(() => api.getEnvironmentDeliveries(), 0, [api]);
}
