import { useApi } from '@backstage/frontend-plugin-api';
import { useEffect, useState } from 'react';
import { kafkaClustersApiRef } from '../api';

/** Dashboard URLs of the Kubernetes clusters by name; empty until known, or when unknown. */
export function useKubernetesDashboards(): Record<string, string> {
  const api = useApi(kafkaClustersApiRef);
  const [dashboards, setDashboards] = useState<Record<string, string>>({});
  useEffect(() => {
    let cancelled = false;
    api.getKubernetesDashboards().then(result => {
      if (!cancelled) setDashboards(result);
    });
    return () => {
      cancelled = true;
    };
  }, [api]);
  return dashboards;
}
