import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import type { SandboxCluster } from './sandbox';

/**
 * What `kubectl proxy` does: plain HTTP on loopback, forwarded to the API server with its
 * credentials. Lets a test reach a sandbox cluster through the `localKubectlProxy` auth
 * provider, the one server-side provider a `catalog`-located cluster can use without a cloud.
 * @public
 */
export async function startKubectlProxy(
  cluster: SandboxCluster,
  port = 0,
): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(cluster.url);
  const ca = fs.readFileSync(cluster.caFile);
  const server = http.createServer((req, res) => {
    const upstream = https.request(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        ca,
        headers: {
          ...req.headers,
          host: target.host,
          authorization: `Bearer ${cluster.token}`,
        },
      },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
