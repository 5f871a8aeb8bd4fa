import { InputError } from '@backstage/errors';
import {
  cfkFacts,
  KubernetesClusterAccess,
  servedVersions,
  StrimziApiVersion,
  strimziFacts,
} from '@k8s-kafka/plugin-kafka-clusters-node';

const DISCOVERY_TIMEOUT_MS = 15_000;

/** What the target cluster serves of the chosen operator. */
export interface TargetCluster {
  name: string;
  /** The operator's API version to write at. */
  apiVersion: string;
}

/**
 * Finds the target Kubernetes cluster among the configured (and catalog) ones and discovers the
 * operator's served versions there: a cluster without the operator's CRDs is refused, and for
 * Strimzi the version is `v1` when served, else `v1beta2` (or the one asked for, if served).
 */
export async function discoverTargetCluster(
  clusters: KubernetesClusterAccess,
  options: {
    targetCluster: string;
    operator: 'strimzi' | 'cfk';
    strimziApiVersion?: StrimziApiVersion;
    /**
     * What asks for `strimziApiVersion`, for the refusal: the input (default), or e.g. a
     * clone's source, whose version the clone keeps.
     */
    versionFrom?: string;
  },
): Promise<TargetCluster> {
  const { clusters: all } = await clusters.listClusters();
  const details = all.find(c => c.name === options.targetCluster);
  if (!details) {
    throw new InputError(
      `targetCluster '${
        options.targetCluster
      }' is not a configured Kubernetes cluster; known: ${
        all.map(c => c.name).join(', ') || 'none'
      }`,
    );
  }
  const facts = options.operator === 'strimzi' ? strimziFacts : cfkFacts;
  let served: string[];
  try {
    served = await servedVersions(
      await clusters.kubeConfig(details),
      facts.group,
      DISCOVERY_TIMEOUT_MS,
    );
  } catch (error) {
    throw new Error(
      `Could not read the API groups of Kubernetes cluster '${details.name}': ${
        (error as Error).message
      }`,
    );
  }
  const usable = facts.versions.filter(v => served.includes(v));
  if (usable.length === 0) {
    throw new InputError(
      `Kubernetes cluster '${details.name}' does not serve ${
        facts.group
      } (${facts.versions.join(' or ')}): the ${
        options.operator === 'strimzi' ? 'Strimzi' : 'CFK'
      } CRDs are not installed there`,
    );
  }
  if (options.operator === 'strimzi' && options.strimziApiVersion) {
    if (!usable.includes(options.strimziApiVersion)) {
      throw new InputError(
        `${options.versionFrom ?? 'strimziApiVersion'} ${
          options.strimziApiVersion
        } is not served by Kubernetes cluster '${
          details.name
        }' (it serves ${usable.join(', ')})`,
      );
    }
    return { name: details.name, apiVersion: options.strimziApiVersion };
  }
  // facts.versions is in order of preference: v1 before v1beta2.
  return { name: details.name, apiVersion: usable[0] };
}
