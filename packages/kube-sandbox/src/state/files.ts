import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** Where a cluster's state files are. @public */
export interface ClusterFiles {
  dir: string;
  caFile: string;
  tokenFile: string;
  kubeconfig: string;
}

/** The files of a cluster in the state folder: `<stateDir>/<cluster>/{ca.crt,token,kubeconfig}`. @public */
export function clusterFiles(stateDir: string, cluster: string): ClusterFiles {
  const dir = join(stateDir, cluster);
  return {
    dir,
    caFile: join(dir, 'ca.crt'),
    tokenFile: join(dir, 'token'),
    kubeconfig: join(dir, 'kubeconfig'),
  };
}

/** The cluster's admin token: read from its token file, else generated (so restarts keep it). */
export function loadOrCreateToken(files: ClusterFiles): string {
  if (existsSync(files.tokenFile)) {
    const token = readFileSync(files.tokenFile, 'utf8').trim();
    if (token) return token;
  }
  return randomBytes(24).toString('hex');
}

interface KubeconfigCluster {
  name: string;
  server: string;
  caFile: string;
  token: string;
}

/** A kubeconfig with one context per cluster (the first is current). */
export function kubeconfig(clusters: KubeconfigCluster[]) {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: clusters.map(c => ({
      name: c.name,
      cluster: { server: c.server, 'certificate-authority': c.caFile },
    })),
    users: clusters.map(c => ({
      name: `${c.name}-admin`,
      user: { token: c.token },
    })),
    contexts: clusters.map(c => ({
      name: c.name,
      context: {
        cluster: c.name,
        user: `${c.name}-admin`,
        namespace: 'default',
      },
    })),
    'current-context': clusters[0]?.name ?? '',
    preferences: {},
  });
}

/** Writes a cluster's CA copy, token and kubeconfig. */
export function writeClusterFiles(
  files: ClusterFiles,
  caCert: string,
  cluster: KubeconfigCluster,
) {
  mkdirSync(files.dir, { recursive: true });
  writeFileSync(files.caFile, caCert);
  writeFileSync(files.tokenFile, `${cluster.token}\n`, { mode: 0o600 });
  writeFileSync(files.kubeconfig, kubeconfig([cluster]), { mode: 0o600 });
}
