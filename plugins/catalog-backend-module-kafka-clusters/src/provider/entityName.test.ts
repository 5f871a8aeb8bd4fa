import { makeValidator } from '@backstage/catalog-model';
import { kafkaClusterEntityName, kafkaTopicEntityName } from './entityName';

const validator = makeValidator();

describe('kafkaClusterEntityName', () => {
  it('joins cluster, namespace and name with underscores when that fits', () => {
    expect(
      kafkaClusterEntityName({
        cluster: 'prod-eu',
        namespace: 'kafka-platform',
        name: 'shared',
      }),
    ).toBe('prod-eu_kafka-platform_shared');
  });

  it('keeps apart triples that a dash-joined name would merge', () => {
    const a = kafkaClusterEntityName({
      cluster: 'prod-eu',
      namespace: 'kafka',
      name: 'x',
    });
    const b = kafkaClusterEntityName({
      cluster: 'prod',
      namespace: 'eu-kafka',
      name: 'x',
    });
    expect(a).not.toBe(b);
  });

  it('shortens a long name to 63 characters with a hash of the whole triple', () => {
    const long = {
      cluster: 'prod-eu',
      namespace: 'team-checkout-payments-processing',
      name: 'payments-transactions-kafka-cluster-primary',
    };
    const name = kafkaClusterEntityName(long);
    expect(name).toHaveLength(63);
    expect(validator.isValidEntityName(name)).toBe(true);
    expect(name).toMatch(
      /^prod-eu_team-checkout-payments-processing_payments-t-[0-9a-f]{10}$/,
    );
    expect(kafkaClusterEntityName(long)).toBe(name);
    // Two names that share the first 52 characters still differ.
    expect(
      kafkaClusterEntityName({ ...long, name: `${long.name}-secondary` }),
    ).not.toBe(
      kafkaClusterEntityName({ ...long, name: `${long.name}-tertiary` }),
    );
  });

  it('hashes cluster names the catalog would not keep apart or could misread', () => {
    const upper = kafkaClusterEntityName({
      cluster: 'Prod',
      namespace: 'kafka',
      name: 'main',
    });
    const lower = kafkaClusterEntityName({
      cluster: 'prod',
      namespace: 'kafka',
      name: 'main',
    });
    expect(lower).toBe('prod_kafka_main');
    expect(upper).toMatch(/^prod_kafka_main-[0-9a-f]{10}$/);
    const odd = kafkaClusterEntityName({
      cluster: 'arn:aws:eks:eu-west-1:123:cluster/prod',
      namespace: 'kafka',
      name: 'main',
    });
    expect(validator.isValidEntityName(odd)).toBe(true);
    const underscored = kafkaClusterEntityName({
      cluster: 'gke_project_zone',
      namespace: 'kafka',
      name: 'main',
    });
    expect(underscored).toMatch(/-[0-9a-f]{10}$/);
    expect(validator.isValidEntityName(underscored)).toBe(true);
  });
});

describe('kafkaTopicEntityName', () => {
  it('prefixes topic_, so a topic never takes the name of a cluster', () => {
    const location = { cluster: 'prod-eu', namespace: 'kafka', name: 'shared' };
    expect(kafkaTopicEntityName(location)).toBe('topic_prod-eu_kafka_shared');
    expect(kafkaTopicEntityName(location)).not.toBe(
      kafkaClusterEntityName(location),
    );
    expect(
      kafkaClusterEntityName({
        cluster: 'topic',
        namespace: 'prod-eu',
        name: 'kafka',
      }),
    ).not.toBe(kafkaTopicEntityName(location));
  });

  it('stays valid for long topic names', () => {
    const name = kafkaTopicEntityName({
      cluster: 'staging',
      namespace: 'shipping',
      name: 'shipping.label-printing.requests.retry.dead-letter-queue.v2',
    });
    expect(name.length).toBeLessThanOrEqual(63);
    expect(validator.isValidEntityName(name)).toBe(true);
    expect(name.startsWith('topic_staging_shipping_')).toBe(true);
  });
});
