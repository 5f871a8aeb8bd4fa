import { asObject, asObjectList } from '../../types';
import { SimContext } from '../context';
import { hexHash } from '../hash';
import { writeStatus } from '../writer';

/** The field manager of the cloud's service controller. */
const MANAGER = 'cloud-controller-manager';

/**
 * The hostname the sandbox's cloud gives a load balancer: opaque, as a cloud's are, and stable for
 * the same cluster, namespace and Service (`a<32 hex>.lb.<cluster>.example.com`).
 */
export function loadBalancerHostname(
  cluster: string,
  namespace: string,
  service: string,
): string {
  return `a${hexHash(
    `${cluster}/${namespace}/${service}`,
    32,
  )}.lb.${cluster}.example.com`;
}

/**
 * The cloud provider's service controller: a Service of type LoadBalancer gets its load balancer's
 * hostname in `status.loadBalancer.ingress`, which is what Strimzi waits for and reports.
 */
export function reconcileLoadBalancer(
  ctx: SimContext,
  namespace: string,
  name: string,
) {
  const service = ctx.api.get('v1', 'Service', name, namespace);
  if (
    !service ||
    service.metadata.deletionTimestamp ||
    asObject(service.spec).type !== 'LoadBalancer' ||
    asObjectList(asObject(asObject(service.status).loadBalancer).ingress).length
  )
    return;
  writeStatus(
    ctx,
    service,
    {
      loadBalancer: {
        ingress: [
          { hostname: loadBalancerHostname(ctx.clusterName, namespace, name) },
        ],
      },
    },
    MANAGER,
  );
}
