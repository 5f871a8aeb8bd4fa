import fs from 'node:fs';
import path from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMatrix, runCreateCase } from '../__testUtils__/createMatrix';
import {
  startTargetClusters,
  TargetClusters,
} from '../__testUtils__/targetClusters';

jest.setTimeout(120_000);

// Written by the action (UPDATE_GOLDEN=1) and reviewed by hand when the output changes on
// purpose; every other change to what the action writes fails here, file by file.
const GOLDEN = path.resolve(__dirname, '../__fixtures__/golden/create');

describe('kafka:environment:create golden outputs', () => {
  const workspace = createMockDirectory();
  let targets: TargetClusters;
  beforeAll(async () => {
    targets = await startTargetClusters();
  });
  afterAll(() => targets?.stop());

  it('has one golden file per case of the matrix, and no other', () => {
    expect(
      fs
        .readdirSync(GOLDEN)
        .filter(name => name.endsWith('.json'))
        .sort(),
    ).toEqual(createMatrix.map(c => `${c.id}.json`).sort());
  });

  it.each(createMatrix.map(c => [c.id, c]))('%s', async (id, testCase) => {
    const result = await runCreateCase(
      workspace,
      testCase,
      targets.actionOptions(),
    );
    const file = path.join(GOLDEN, `${id}.json`);
    if (process.env.UPDATE_GOLDEN) {
      fs.writeFileSync(
        file,
        `${JSON.stringify(
          {
            input: testCase.input,
            ...(testCase.dryRun ? { dryRun: true } : {}),
            ...result,
          },
          null,
          2,
        )}\n`,
      );
    }
    const golden = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(golden.input).toEqual(testCase.input);
    expect(golden.dryRun ?? false).toBe(testCase.dryRun ?? false);
    expect(result.outputs).toEqual(golden.outputs);
    expect(Object.keys(result.files).sort()).toEqual(
      Object.keys(golden.files).sort(),
    );
    for (const [name, content] of Object.entries(result.files)) {
      expect({ name, content }).toEqual({ name, content: golden.files[name] });
    }
  });
});
