import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as clientNode from '@kubernetes/client-node';
import type { KubeConfig } from '@kubernetes/client-node';
import { SandboxCluster } from './sandbox';

/** Helpers shared by the test files. */

export type ClientNode = typeof clientNode;

/** @kubernetes/client-node (kept behind a function so test files share one way to get it). */
export async function loadClientNode(): Promise<ClientNode> {
  return clientNode;
}

/** A fresh state folder. */
export function tempStateDir(prefix = 'kube-sandbox-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A KubeConfig from the cluster's written kubeconfig, optionally with another token. */
export async function kubeConfig(
  cluster: SandboxCluster,
  token?: string,
): Promise<KubeConfig> {
  const kc = new clientNode.KubeConfig();
  kc.loadFromFile(cluster.kubeconfig);
  if (token !== undefined) {
    kc.users = kc.users.map(u => ({ ...u, token }));
  }
  return kc;
}

/** The HTTP status and parsed Status body of a rejected client-node call. */
export async function failure(
  promise: Promise<unknown>,
): Promise<{ code: number; body: any }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code?: number; body?: unknown };
    if (typeof e.code !== 'number') throw error;
    const body = typeof e.body === 'string' ? JSON.parse(e.body) : e.body;
    return { code: e.code, body };
  }
  throw new Error('expected the call to fail');
}

/** A raw HTTPS request to a cluster (trusting its CA), for what no client method covers. */
export function raw(
  cluster: SandboxCluster,
  method: string,
  path: string,
  options: {
    token?: string | null;
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
): Promise<{
  status: number;
  headers: Record<string, unknown>;
  body: string;
  json(): any;
}> {
  const url = new URL(path, cluster.url);
  const token = options.token === undefined ? cluster.token : options.token;
  const body =
    options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        ca: readFileSync(cluster.caFile),
        headers: {
          Accept: 'application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(body ? { 'Content-Type': 'application/json' } : {}),
          ...options.headers,
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: text,
            json: () => JSON.parse(text),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Polls until `check` returns without throwing (or the deadline passes, then rethrows). */
export async function eventually<T>(
  check: () => T | Promise<T>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise(r => setTimeout(r, 25));
    }
  }
}
