// Components name their Kafka cluster by a bootstrap address, so matching them means reading
// Kubernetes service DNS names: `svc`, `svc.ns`, `svc.ns.svc`, `svc.ns.svc.<cluster domain>`,
// and a headless pod name in front of any of them.

/** A Kubernetes service named by an address; `namespace` absent for a bare service name. */
export interface ServiceAddress {
  service: string;
  namespace?: string;
}

/** `host:port` entries of a comma-separated list, without `SASL_SSL://`-style or `http://` prefixes. */
export function splitEndpoints(value: string | undefined): string[] {
  if (!value) {
    return [];
  }
  return value
    .split(',')
    .map(entry => normalizeEndpoint(entry))
    .filter(entry => entry !== '');
}

/** Lower-cased `host[:port]` without scheme or path. */
export function normalizeEndpoint(value: string): string {
  return value
    .trim()
    .replace(/^[a-z_]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
}

function hostOf(endpoint: string): string {
  const normalized = normalizeEndpoint(endpoint);
  const colon = normalized.lastIndexOf(':');
  return colon === -1 ? normalized : normalized.slice(0, colon);
}

/**
 * The in-cluster service an address names, `undefined` for an address outside the cluster
 * (a load balancer, a route, an IP).
 */
export function serviceOf(endpoint: string): ServiceAddress | undefined {
  const host = hostOf(endpoint);
  if (host === '' || /^[\d.]+$/.test(host) || host.includes('[')) {
    return undefined;
  }
  const labels = host.split('.');
  const svc = labels.indexOf('svc');
  if (svc >= 2) {
    return { service: labels[svc - 2], namespace: labels[svc - 1] };
  }
  if (svc === -1 && labels.length === 1) {
    return { service: labels[0] };
  }
  if (svc === -1 && labels.length === 2) {
    return { service: labels[0], namespace: labels[1] };
  }
  return undefined;
}
