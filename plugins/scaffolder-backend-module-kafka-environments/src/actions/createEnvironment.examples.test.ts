import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import YAML from 'yaml';
import { createKafkaEnvironmentCreateAction } from './createEnvironment';
import { examples } from './createEnvironment.examples';

describe('kafka:environment:create examples', () => {
  const workspace = createMockDirectory();
  const action = createKafkaEnvironmentCreateAction();

  beforeEach(() => workspace.clear());

  it.each(examples.map(e => [e.description, e.example]))(
    '%s',
    async (_, example) => {
      const input = YAML.parse(example).steps[0].input;
      const ctx = createMockActionContext({
        input,
        workspacePath: workspace.path,
      });
      await action.handler(ctx);
      const folder = workspace.content({
        path: `kafka/${input.name}`,
      }) as Record<string, string>;
      expect(Object.keys(folder)).toContain(`kafka-${input.name}.yaml`);
      expect(Object.keys(folder)).toContain('kustomization.yaml');
    },
  );
});
