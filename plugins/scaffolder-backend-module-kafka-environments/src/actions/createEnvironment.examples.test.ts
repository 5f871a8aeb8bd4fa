import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import YAML from 'yaml';
import {
  startTargetClusters,
  TargetClusters,
} from '../__testUtils__/targetClusters';
import { createKafkaEnvironmentCreateAction } from './createEnvironment';
import { examples } from './createEnvironment.examples';

jest.setTimeout(60_000);

describe('kafka:environment:create examples', () => {
  const workspace = createMockDirectory();
  let targets: TargetClusters;
  beforeAll(async () => {
    targets = await startTargetClusters();
  });
  afterAll(() => targets?.stop());
  beforeEach(() => workspace.clear());

  it.each(examples.map(e => [e.description, e.example]))(
    '%s',
    async (_, example) => {
      const input = YAML.parse(example).steps[0].input;
      const action = createKafkaEnvironmentCreateAction(
        targets.actionOptions(),
      );
      const ctx = createMockActionContext({
        input,
        workspacePath: workspace.path,
      });
      await action.handler(ctx);
      const folder = workspace.content({
        path: `clusters/${input.targetCluster}/${input.namespace}/${input.name}`,
      }) as Record<string, string>;
      expect(Object.keys(folder)).toContain(`kafka-${input.name}.yaml`);
      expect(Object.keys(folder)).toContain('kustomization.yaml');
    },
  );
});
