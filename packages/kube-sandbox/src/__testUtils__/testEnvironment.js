// Jest's node environment, plus: the state folders a test file made with tempStateDir() are
// removed once the file is done. Not in an afterAll: those run in declaration order, so one
// registered by a helper would run before the file's own afterAll that stops its sandboxes.
const fs = require('node:fs');
const { TestEnvironment } = require('jest-environment-node');

const KEY = '__kubeSandboxTempDirs';

class StateFolderEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global[KEY] = [];
  }

  async teardown() {
    for (const dir of this.global[KEY] ?? []) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    await super.teardown();
  }
}

module.exports = StateFolderEnvironment;
