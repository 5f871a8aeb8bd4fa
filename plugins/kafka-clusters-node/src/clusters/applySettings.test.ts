import { ConfigReader } from '@backstage/config';
import { readApplySettings } from './applySettings';

describe('readApplySettings', () => {
  it('reads the clusters that have apply settings, with the defaults of what they leave out', () => {
    const config = new ConfigReader({
      kafkaClusters: {
        kubernetesClusters: {
          dev: {
            apply: {
              enabled: true,
              namespaces: ['team-*'],
              createNamespaces: true,
            },
          },
          staging: { apply: { namespaces: ['shipping'] } },
          'prod-eu': { namespaces: ['kafka-platform'] },
        },
      },
    });
    expect(readApplySettings(config)).toEqual({
      dev: { enabled: true, namespaces: ['team-*'], createNamespaces: true },
      staging: {
        enabled: false,
        namespaces: ['shipping'],
        createNamespaces: false,
      },
    });
  });

  it('is empty without configuration, and refuses a setting of the wrong type', () => {
    expect(readApplySettings(new ConfigReader({}))).toEqual({});
    expect(() =>
      readApplySettings(
        new ConfigReader({
          kafkaClusters: {
            kubernetesClusters: { dev: { apply: { enabled: 'sometimes' } } },
          },
        }),
      ),
    ).toThrow(/enabled/);
  });
});
