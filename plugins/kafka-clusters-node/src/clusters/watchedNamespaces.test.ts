import { ConfigReader } from '@backstage/config';
import { readWatchedNamespaces } from './watchedNamespaces';

describe('readWatchedNamespaces', () => {
  it('lists the namespaces of the clusters that name some, once each', () => {
    const config = new ConfigReader({
      kafkaClusters: {
        kubernetesClusters: {
          'prod-eu': { namespaces: ['kafka-platform', 'payments', 'payments'] },
          'prod-us': { namespaces: [] },
          staging: {},
        },
      },
    });
    expect(readWatchedNamespaces(config)).toEqual({
      'prod-eu': ['kafka-platform', 'payments'],
    });
  });

  it('is empty without configuration, and refuses a namespace that is not a string', () => {
    expect(readWatchedNamespaces(new ConfigReader({}))).toEqual({});
    expect(() =>
      readWatchedNamespaces(
        new ConfigReader({
          kafkaClusters: { kubernetesClusters: { x: { namespaces: [1] } } },
        }),
      ),
    ).toThrow(/namespaces/);
  });
});
