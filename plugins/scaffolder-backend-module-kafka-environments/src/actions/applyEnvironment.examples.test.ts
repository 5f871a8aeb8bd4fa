import YAML from 'yaml';
import { examples } from './applyEnvironment.examples';

describe('kafka:environment:apply examples', () => {
  it.each(examples.map(e => [e.description, e.example]))(
    '%s: every apply step names a cluster and a folder, and nothing else it does not take',
    (_, example) => {
      const steps = YAML.parse(example).steps as {
        action: string;
        input: Record<string, unknown>;
      }[];
      const applies = steps.filter(s => s.action === 'kafka:environment:apply');
      expect(applies.length).toBeGreaterThan(0);
      for (const step of applies) {
        expect(step.input).toMatchObject({
          cluster: expect.any(String),
          path: expect.any(String),
        });
        expect(
          Object.keys(step.input).filter(
            k =>
              ![
                'cluster',
                'path',
                'force',
                'dryRun',
                'waitUntilHealthy',
                'timeoutSeconds',
              ].includes(k),
          ),
        ).toEqual([]);
      }
    },
  );
});
