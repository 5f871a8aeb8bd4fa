import { lookup } from 'node:dns/promises';
import { Config } from '@backstage/config';
import ipaddr from 'ipaddr.js';

/**
 * The safety switches of the `catalog` entry of `kubernetes.clusterLocatorMethods`, read as
 * the Kubernetes plugin reads them.
 *
 * @public
 */
export interface CatalogLocatorOptions {
  /** `dangerouslyAllowSkipTLSVerify`: without it, `kubernetes.io/skip-tls-verify` is ignored. */
  allowSkipTLSVerify: boolean;
  /** `dangerouslyAllowClusterUrls`: host names (or `*.domain`) exempt from the URL checks. */
  allowClusterUrls: string[];
}

/** @public */
export function readCatalogLocatorOptions(
  config: Config,
): CatalogLocatorOptions {
  const methods = (
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? []
  ).filter(method => method.getString('type') === 'catalog');
  return {
    allowSkipTLSVerify: methods.some(
      m => m.getOptionalBoolean('dangerouslyAllowSkipTLSVerify') ?? false,
    ),
    allowClusterUrls: methods.flatMap(
      m => m.getOptionalStringArray('dangerouslyAllowClusterUrls') ?? [],
    ),
  };
}

function isNonPublic(address: string): boolean {
  try {
    return ipaddr.parse(address).range() !== 'unicast';
  } catch {
    return true;
  }
}

function isExempt(hostname: string, patterns: string[]): boolean {
  return patterns.some(pattern => {
    const p = pattern.toLowerCase();
    return p.startsWith('*.')
      ? hostname.endsWith(p.slice(1)) || hostname === p.slice(2)
      : hostname === p;
  });
}

/**
 * Refuses an API server URL taken from a catalog entity unless it is HTTPS to a public address:
 * whoever can register an entity must not make the backend send its credentials to an
 * internal service. Host names in `allowClusterUrls` are exempt, as in the Kubernetes plugin.
 *
 * @throws Error saying what is wrong with the URL.
 * @public
 */
export async function validateCatalogClusterUrl(
  apiServerUrl: string,
  options: Pick<CatalogLocatorOptions, 'allowClusterUrls'>,
): Promise<void> {
  let url: URL;
  try {
    url = new URL(apiServerUrl);
  } catch {
    throw new Error('the API server URL is not a valid URL');
  }
  if (url.username || url.password)
    throw new Error('the API server URL must not contain credentials');
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error('the API server URL must use HTTPS');
  }
  const hostname = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (isExempt(hostname, options.allowClusterUrls)) return;
  if (url.protocol !== 'https:')
    throw new Error('the API server URL must use HTTPS');
  const addresses = ipaddr.isValid(hostname)
    ? [hostname]
    : (await lookup(hostname, { all: true })).map(a => a.address);
  if (addresses.some(isNonPublic)) {
    throw new Error(`the API server ${hostname} is not a public address`);
  }
}
