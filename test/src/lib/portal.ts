import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { reservePort } from './ports';

// eslint-disable-next-line no-restricted-syntax -- the suites only ever run from source
export const repoRoot = path.resolve(__dirname, '../../..');

/**
 * Thrown by a {@link waitFor} probe to stop waiting at once: what it waits for can no longer
 * come (a task that ended without it, say). `waitFor` rethrows it as it is.
 */
export class GiveUp extends Error {
  name = 'GiveUp';
}

/**
 * Probes every 500 ms until the probe returns a value, the process is gone or `timeoutMs` has
 * passed. An error the probe throws counts as "not yet" (the last one is in the timeout's
 * message), but a {@link GiveUp} ends the wait at once.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  isAlive: () => boolean = () => true,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (!isAlive())
      throw new Error(`Gave up waiting for ${what}: the process exited`);
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      if (error instanceof GiveUp) throw error;
      lastError = error;
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting for ${what}: ${
      lastError ?? 'not ready'
    }`,
  );
}

/** A child process in its own process group, stopped with everything it started. */
interface Child {
  output(): string;
  alive(): boolean;
  /** Signals the process alone, as a supervisor would, and waits for it to exit. */
  terminate(): Promise<void>;
  /** Stops the process and everything it started (its process group). */
  stop(): Promise<void>;
}

function spawnGroup(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string = repoRoot,
): Child {
  const child: ChildProcess = spawn(command, args, {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  let output = '';
  child.stdout!.on('data', chunk => (output += chunk));
  child.stderr!.on('data', chunk => (output += chunk));
  let alive = true;
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => {
      alive = false;
      resolve();
    }),
  );
  return {
    output: () => output,
    alive: () => alive,
    async terminate() {
      if (alive && child.pid) {
        process.kill(child.pid, 'SIGTERM');
        await exited;
      }
    },
    async stop() {
      if (!child.pid) return;
      // The whole group, even when its leader is gone: what it started may still run. (Under
      // `npm start`, the bootstrap passes the signal on to the process group it started.)
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // No process left in the group.
      }
      await exited;
    },
  };
}

export interface RunningSandbox {
  /** The admin endpoint, e.g. http://127.0.0.1:40123. */
  adminUrl: string;
  /** The variables that point app-config.yaml at this sandbox's clusters. */
  env: Record<string, string>;
  /**
   * app-config.yaml with this sandbox's CA and token files in place of `.sandbox/`, which stays
   * the running portal's: a suite never rewrites its kubeconfigs, and needs no `.sandbox/`.
   */
  appConfig(): JsonObject;
  output(): string;
  stop(): Promise<void>;
}

/** The demo fleet's clusters, as the sandbox's CLI names them in its port variables. */
const FLEET = ['prod-eu', 'prod-us', 'staging', 'dev'];
const portVariable = (cluster: string) =>
  `KUBE_SANDBOX_PORT_${cluster.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

/**
 * The demo fleet's sandbox as `npm start` runs it, in its own process. Its servers bind port 0 and
 * the ports they got are read back from the sandbox, so they never race another server for one.
 */
export async function startSandboxProcess(): Promise<RunningSandbox> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-kafka-sandbox-'));
  const child = spawnGroup(
    'yarn',
    ['workspace', '@k8s-kafka/kube-sandbox', 'start'],
    {
      ...process.env,
      KUBE_SANDBOX_STATE_DIR: stateDir,
      KUBE_SANDBOX_ADMIN_PORT: '0',
      ...Object.fromEntries(FLEET.map(c => [portVariable(c), '0'])),
    },
  );
  let adminUrl = '';
  const env: Record<string, string> = { KUBE_SANDBOX_STATE_DIR: stateDir };
  try {
    adminUrl = await waitFor(
      'the sandbox to report its admin endpoint',
      async () =>
        /kube-sandbox: admin endpoint (http:\/\/[^\s]+)/.exec(
          child.output(),
        )?.[1],
      120_000,
      child.alive,
    );
    const clusters = await waitFor(
      `the sandbox on ${adminUrl}`,
      async () => {
        if (!(await fetch(`${adminUrl}/healthz`)).ok) return undefined;
        const res = await fetch(`${adminUrl}/clusters`);
        return (await res.json()) as Array<{ name: string; url: string }>;
      },
      120_000,
      child.alive,
    );
    env.KUBE_SANDBOX_ADMIN_PORT = new URL(adminUrl).port;
    for (const cluster of clusters) {
      env[portVariable(cluster.name)] = new URL(cluster.url).port;
    }
  } catch (error) {
    await child.stop();
    fs.rmSync(stateDir, { recursive: true, force: true });
    throw new Error(
      `${(error as Error).message}\n--- sandbox output ---\n${child.output()}`,
    );
  }
  return {
    adminUrl,
    env,
    appConfig: () => appConfigFor(stateDir),
    output: child.output,
    async stop() {
      await child.stop();
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/**
 * A state folder of its own and reserved ports, in the variables the sandbox's CLI reads, for
 * `npm start`: its backend starts beside the sandbox, so the ports must be known before either.
 */
async function reservedSandboxSettings() {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-kafka-sandbox-'));
  const env: Record<string, string> = {
    KUBE_SANDBOX_STATE_DIR: stateDir,
    KUBE_SANDBOX_ADMIN_PORT: String(await reservePort()),
  };
  for (const cluster of FLEET) {
    env[portVariable(cluster)] = String(await reservePort());
  }
  return { stateDir, env };
}

type JsonObject = { [key: string]: unknown };

/**
 * app-config.yaml as the suites load it: a copy, because Backstage reads every `$file` of every
 * config file it is given, and a fresh clone has no `.sandbox/` for app-config.yaml's to name.
 */
function appConfigFor(stateDir: string): JsonObject {
  const appConfig = parseYaml(
    fs.readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8'),
  );
  // Paths in app-config.yaml are relative to the repository root or to packages/backend.
  const moved = JSON.stringify(appConfig).replace(
    /(?:\.\.\/\.\.\/)?\.sandbox\//g,
    `${stateDir}/`,
  );
  if (!moved.includes(stateDir)) {
    throw new Error(
      'app-config.yaml no longer names .sandbox/ files: update the suites',
    );
  }
  return JSON.parse(moved);
}

export interface RunningBackend {
  baseUrl: string;
  /** Everything the backend printed, for failure messages. */
  output(): string;
  /** A guest user's Backstage token. */
  guestToken(): Promise<string>;
  stop(): Promise<void>;
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Backstage's way of layering config files: objects merge, everything else replaces. */
function layered(base: JsonObject, over: JsonObject): JsonObject {
  const result: JsonObject = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const below = result[key];
    result[key] =
      isObject(below) && isObject(value) ? layered(below, value) : value;
  }
  return result;
}

/**
 * The one config file of a suite's portal: app-config.yaml (see {@link appConfigFor}) with the
 * suite's own ports and overrides layered on top.
 */
export async function writeSuiteConfig(
  sandbox: Pick<RunningSandbox, 'appConfig'>,
  overrides: JsonObject = {},
): Promise<{
  file: string;
  backendUrl: string;
  appUrl: string;
  remove(): void;
}> {
  const backendPort = await reservePort();
  const appPort = await reservePort();
  const backendUrl = `http://localhost:${backendPort}`;
  const appUrl = `http://localhost:${appPort}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-kafka-suite-'));
  const file = path.join(dir, 'app-config.suite.json');
  fs.writeFileSync(
    file,
    JSON.stringify(
      layered(layered(sandbox.appConfig(), overrides), {
        app: { baseUrl: appUrl },
        backend: {
          baseUrl: backendUrl,
          listen: { port: backendPort },
          cors: { origin: appUrl },
        },
      }),
    ),
  );
  return {
    file,
    backendUrl,
    appUrl,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Starts packages/backend from source as `yarn start` does (the same entry point and source
 * transform, NODE_ENV=development), with a suite config (see {@link writeSuiteConfig}), against
 * the given sandbox; but without `backstage-cli package start`'s watcher. That one restarts the
 * backend whenever a file it loaded changes, keeping the in-memory database across the restart:
 * a scaffolder task that was running stays `processing` forever, with no process left to run
 * it. A suite tests the code as it was when the suite started, whatever is edited meanwhile.
 */
export async function startBackend(
  sandbox: RunningSandbox,
  config?: Awaited<ReturnType<typeof writeSuiteConfig>>,
): Promise<RunningBackend> {
  const suiteConfig = config ?? (await writeSuiteConfig(sandbox));
  const baseUrl = suiteConfig.backendUrl;
  const configFile = suiteConfig.file;
  const child = spawnGroup(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      'src/index',
      '--config',
      configFile,
    ],
    // As `yarn start` runs it; Jest's NODE_ENV=test would turn guest sign-in off.
    { ...process.env, ...sandbox.env, NODE_ENV: 'development' },
    path.join(repoRoot, 'packages/backend'),
  );

  const backend: RunningBackend = {
    baseUrl,
    output: child.output,
    async guestToken() {
      const res = await fetch(`${baseUrl}/api/auth/guest/refresh`);
      if (!res.ok) throw new Error(`Guest sign-in failed with ${res.status}`);
      const body = await res.json();
      return body.backstageIdentity.token;
    },
    async stop() {
      await child.stop();
      if (!config) suiteConfig.remove();
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
      child.alive,
    );
  } catch (error) {
    await backend.stop();
    throw new Error(
      `${(error as Error).message}\n--- backend output ---\n${child.output()}`,
    );
  }
  return backend;
}

export interface RunningFrontend {
  baseUrl: string;
  stop(): Promise<void>;
}

/** Starts packages/app's development server, as `yarn start` does, with a suite config. */
export async function startFrontend(
  config: Awaited<ReturnType<typeof writeSuiteConfig>>,
): Promise<RunningFrontend> {
  const child = spawnGroup(
    'yarn',
    ['workspace', 'app', 'start', '--config', config.file],
    { ...process.env, NODE_ENV: 'development', BROWSER: 'none' },
  );
  try {
    await waitFor(
      `the frontend on ${config.appUrl}`,
      async () => ((await fetch(config.appUrl)).ok ? true : undefined),
      300_000,
      child.alive,
    );
  } catch (error) {
    await child.stop();
    throw new Error(
      `${(error as Error).message}\n--- frontend output ---\n${child
        .output()
        .slice(-5000)}`,
    );
  }
  return { baseUrl: config.appUrl, stop: child.stop };
}

export interface NpmStart {
  sandboxAdminUrl: string;
  backendUrl: string;
  appUrl: string;
  output(): string;
  alive(): boolean;
  /** Sends SIGTERM to the `npm start` process only, and waits for it to exit. */
  terminate(): Promise<void>;
  /** Stops `npm start` and every process it started. */
  stop(): Promise<void>;
}

/**
 * Runs `npm start` itself (bootstrap, then the sandbox, backend and frontend side by side), on
 * reserved ports and a sandbox state folder of its own, with a suite config (see
 * {@link writeSuiteConfig}).
 */
export async function startWithNpmStart(): Promise<NpmStart> {
  const { stateDir, env } = await reservedSandboxSettings();
  const config = await writeSuiteConfig({
    appConfig: () => appConfigFor(stateDir),
  });
  const child = spawnGroup('npm', ['start', '--', '--config', config.file], {
    ...process.env,
    ...env,
    NODE_ENV: 'development',
    BROWSER: 'none',
  });
  return {
    sandboxAdminUrl: `http://127.0.0.1:${env.KUBE_SANDBOX_ADMIN_PORT}`,
    backendUrl: config.backendUrl,
    appUrl: config.appUrl,
    output: child.output,
    alive: child.alive,
    terminate: child.terminate,
    async stop() {
      await child.stop();
      config.remove();
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
