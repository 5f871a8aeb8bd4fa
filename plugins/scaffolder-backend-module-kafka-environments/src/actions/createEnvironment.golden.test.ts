import fs from 'node:fs';
import path from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMatrix, runCreateCase } from '../__testUtils__/createMatrix';

// The golden files were written by the action as it was before its rendering moved to
// @k8s-kafka/plugin-kafka-clusters-node; every output must stay byte for byte the same.
const GOLDEN = path.resolve(__dirname, '../__fixtures__/golden/create');

describe('kafka:environment:create golden outputs', () => {
  const workspace = createMockDirectory();

  it('has one golden file per case of the matrix, and no other', () => {
    expect(
      fs
        .readdirSync(GOLDEN)
        .filter(name => name.endsWith('.json'))
        .sort(),
    ).toEqual(createMatrix.map(c => `${c.id}.json`).sort());
  });

  it.each(createMatrix.map(c => [c.id, c]))('%s', async (id, testCase) => {
    const golden = JSON.parse(
      fs.readFileSync(path.join(GOLDEN, `${id}.json`), 'utf8'),
    );
    expect(golden.input).toEqual(testCase.input);
    expect(golden.dryRun ?? false).toBe(testCase.dryRun ?? false);
    const result = await runCreateCase(workspace, testCase);
    expect(result.outputs).toEqual(golden.outputs);
    expect(Object.keys(result.files).sort()).toEqual(
      Object.keys(golden.files).sort(),
    );
    for (const [file, content] of Object.entries(result.files)) {
      expect({ file, content }).toEqual({ file, content: golden.files[file] });
    }
  });
});
