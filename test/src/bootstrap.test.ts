import path from 'node:path';
import { repoRoot } from './lib/portal';

// The bootstrap is plain CommonJS that must run on Node 20; its decisions are tested here.
const bootstrap = require(path.join(repoRoot, 'scripts/bootstrap.js')) as {
  versionAtLeast(version: string, min: number[]): boolean;
  callingYarn4(env: Record<string, string | undefined>): string | undefined;
  MIN_NODE: number[];
};

describe('scripts/bootstrap.js', () => {
  it('uses a Node from 22.12 on, and installs its own below', () => {
    const { versionAtLeast, MIN_NODE } = bootstrap;
    expect(MIN_NODE).toEqual([22, 12]);
    for (const version of ['v22.12.0', 'v22.20.1', 'v23.0.0', 'v24.21.0']) {
      expect(versionAtLeast(version, MIN_NODE)).toBe(true);
    }
    for (const version of ['v20.19.2', 'v22.11.0', 'v21.99.0', 'v18.20.8']) {
      expect(versionAtLeast(version, MIN_NODE)).toBe(false);
    }
  });

  it('reuses the Yarn 4 that called it, but not npm run from inside a Yarn script', () => {
    const { callingYarn4 } = bootstrap;
    const yarnJs = '/repo/.toolchain/yarn/bin/yarn.js';
    expect(
      callingYarn4({
        npm_config_user_agent: 'yarn/4.13.0 npm/? node/v24.21.0 linux x64',
        npm_execpath: yarnJs,
      }),
    ).toBe(yarnJs);
    // `npm start` under a Yarn script: npm keeps Yarn's user agent as its own setting.
    expect(
      callingYarn4({
        npm_config_user_agent: 'yarn/4.13.0 npm/? node/v24.21.0 linux x64',
        npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
      }),
    ).toBeUndefined();
    expect(
      callingYarn4({
        npm_config_user_agent: 'yarn/1.22.22 npm/? node/v20.19.2 linux x64',
        npm_execpath: '/usr/lib/node_modules/yarn/bin/yarn.js',
      }),
    ).toBeUndefined();
    expect(callingYarn4({})).toBeUndefined();
  });
});
