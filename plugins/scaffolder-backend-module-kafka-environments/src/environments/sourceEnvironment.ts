import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { KubeConfig } from '@kubernetes/client-node';
import {
  defaultOperatorFacts,
  KubernetesClusterAccess,
  servedVersions,
  SourceObject,
} from '@k8s-kafka/plugin-kafka-clusters-node';
import { readFolderManifests } from './manifests';

const TIMEOUT_MS = 30_000;

/** A configured (or catalog) Kubernetes cluster and a client configuration for it. */
export async function clusterClient(
  clusters: KubernetesClusterAccess,
  name: string,
  input: string,
): Promise<KubeConfig> {
  const { clusters: all } = await clusters.listClusters();
  const details = all.find(c => c.name === name);
  if (!details) {
    throw new InputError(
      `${input} '${name}' is not a configured Kubernetes cluster; known: ${
        all.map(c => c.name).join(', ') || 'none'
      }`,
    );
  }
  return clusters.kubeConfig(details);
}

/**
 * The object at the version its writer used, as its managed fields record it. Strimzi's CRDs
 * convert between v1beta2 and v1 with `strategy: None` (the same fields under either name), so
 * a v1beta2-shaped KafkaConnect read at v1 would lack v1's required fields: its clone must be
 * written at the version it was written at.
 */
function asWritten(
  object: SourceObject,
  group: string,
  served: readonly string[],
): SourceObject {
  const fields = (object.metadata.managedFields ?? []) as {
    apiVersion?: string;
    subresource?: string;
  }[];
  const written = fields.find(
    f => f.subresource !== 'status' && f.apiVersion?.startsWith(`${group}/`),
  )?.apiVersion;
  return written &&
    written !== object.apiVersion &&
    served.includes(written.slice(group.length + 1))
    ? { ...object, apiVersion: written }
    : object;
}

/**
 * Every CFK and Strimzi resource of a namespace, read live at the version the cluster prefers,
 * each kind the cluster serves (a kind whose CRD is not installed is skipped, not an error).
 */
export async function readLiveNamespace(
  clusters: KubernetesClusterAccess,
  kc: KubeConfig,
  cluster: string,
  namespace: string,
): Promise<SourceObject[]> {
  const objects: SourceObject[] = [];
  try {
    for (const facts of defaultOperatorFacts) {
      const served = await servedVersions(kc, facts.group, TIMEOUT_MS);
      const version = facts.versions.find(v => served.includes(v));
      if (!version) continue;
      const plurals = new Set(
        (await clusters.resources(kc, `${facts.group}/${version}`)).map(
          r => r.name,
        ),
      );
      for (const kind of facts.kinds) {
        if (!plurals.has(kind.plural)) continue;
        const items = await clusters.list(
          kc,
          { group: facts.group, kind: kind.kind, plural: kind.plural },
          version,
          { timeoutMs: TIMEOUT_MS, namespaces: [namespace] },
        );
        objects.push(
          ...(items as unknown as SourceObject[]).map(o =>
            asWritten(o, facts.group, served),
          ),
        );
      }
    }
  } catch (error) {
    throw new Error(
      `Could not read namespace '${namespace}' of Kubernetes cluster '${cluster}': ${
        (error as Error).message
      }`,
    );
  }
  return objects;
}

/**
 * The Kubernetes objects of the YAML files of a workspace folder (what `fetch:plain` fetched
 * from the GitOps repository), with the namespace of its kustomization.yaml applied as
 * `kubectl apply -k` would.
 */
export async function readWorkspaceFolder(
  workspacePath: string,
  relative: string,
  input: string,
): Promise<SourceObject[]> {
  let dir: string;
  try {
    dir = resolveSafeChildPath(workspacePath, relative);
  } catch {
    throw new InputError(
      `${input} '${relative}' is not a folder inside the workspace`,
    );
  }
  const manifests = await readFolderManifests(dir, relative);
  if (!manifests) {
    throw new InputError(
      `${input} '${relative}' is not a folder of the workspace (fetch the source's files first, e.g. with fetch:plain)`,
    );
  }
  return manifests.map(m => m.object as SourceObject);
}

/** The names of the Secrets of a namespace, read as metadata only: no Secret data is read. */
export async function secretNames(
  clusters: KubernetesClusterAccess,
  kc: KubeConfig,
  namespace: string,
): Promise<Set<string>> {
  const items = await clusters.list(
    kc,
    { group: '', kind: 'Secret', plural: 'secrets' },
    'v1',
    { timeoutMs: TIMEOUT_MS, namespaces: [namespace], metadataOnly: true },
  );
  return new Set(
    items.map(i => (i.metadata as { name?: string } | undefined)?.name ?? ''),
  );
}
