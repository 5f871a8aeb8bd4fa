import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// eslint-disable-next-line no-restricted-syntax -- the suites only ever run from source
export const repoRoot = path.resolve(__dirname, '../../..');

/** A free TCP port on loopback, so suites never collide with a portal already running. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  isAlive: () => boolean = () => true,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`Gave up waiting for ${what}: the process exited`);
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}: ${lastError ?? 'not ready'}`);
}

export interface RunningBackend {
  baseUrl: string;
  /** Everything the backend printed, for failure messages. */
  output(): string;
  /** A guest user's Backstage token. */
  guestToken(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts packages/backend the way `yarn start` does, on a free port and with the
 * repository's app-config.yaml, plus overrides.
 */
export async function startBackend(overrides: Record<string, unknown> = {}): Promise<RunningBackend> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const configFile = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-kafka-suite-')),
    'app-config.suite.yaml',
  );
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      ...overrides,
      backend: { baseUrl, listen: { port } },
    }),
  );
  const child: ChildProcess = spawn(
    'yarn',
    [
      'workspace',
      'backend',
      'start',
      '--config',
      path.join(repoRoot, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: repoRoot,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // As `yarn start` runs it; Jest's NODE_ENV=test would turn guest sign-in off.
      env: { ...process.env, NODE_ENV: 'development' },
    },
  );
  let output = '';
  child.stdout!.on('data', chunk => (output += chunk));
  child.stderr!.on('data', chunk => (output += chunk));
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
  let alive = true;
  child.once('exit', () => (alive = false));

  const backend: RunningBackend = {
    baseUrl,
    output: () => output,
    async guestToken() {
      const res = await fetch(`${baseUrl}/api/auth/guest/refresh`);
      if (!res.ok) throw new Error(`Guest sign-in failed with ${res.status}`);
      const body = await res.json();
      return body.backstageIdentity.token;
    },
    async stop() {
      if (alive && child.pid) {
        process.kill(-child.pid, 'SIGTERM');
        await exited;
      }
      fs.rmSync(path.dirname(configFile), { recursive: true, force: true });
    },
  };

  try {
    await waitFor(
      `the backend on ${baseUrl}`,
      async () => {
        const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
        return res.ok ? true : undefined;
      },
      180_000,
      () => alive,
    );
  } catch (error) {
    await backend.stop();
    throw new Error(`${(error as Error).message}\n--- backend output ---\n${output}`);
  }
  return backend;
}
