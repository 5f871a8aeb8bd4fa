import { ClusterOptions } from './sandbox';

/** Default port of the admin endpoint. @public */
export const DEFAULT_ADMIN_PORT = 6550;

/**
 * The demo fleet `npm start` and `yarn start` run: one cluster per operator flavour the suite
 * supports, each on a fixed port so app-config can name it.
 * @public
 */
export const DEFAULT_FLEET: ReadonlyArray<
  Required<Pick<ClusterOptions, 'name' | 'port' | 'crdSets'>> & {
    /** What the cluster shows a newcomer, as the CLI prints it. */
    shows: string;
  }
> = [
  {
    name: 'prod-eu',
    port: 6551,
    crdSets: ['cfk-3.3.0'],
    shows:
      "CFK 3.3.0: shared (kafka-platform, the platform team's cluster all services use) and payments-kafka (payments, healthy, ClusterLink from shared)",
  },
  {
    name: 'prod-us',
    port: 6552,
    crdSets: ['strimzi-1.2.0'],
    shows:
      'Strimzi 1.2.0 (v1): orders-kafka (orders), degraded: broker orders-kafka-broker-2 crash-loops (OOMKilled)',
  },
  {
    name: 'staging',
    port: 6553,
    crdSets: ['strimzi-0.51.0'],
    shows:
      'Strimzi 0.51.0 (v1beta2): shipping-kafka (shipping), progressing: a roll starts 20 s after start and finishes in about 3 min',
  },
  {
    name: 'dev',
    port: 6554,
    crdSets: ['cfk-3.3.0', 'strimzi-0.51.0'],
    shows:
      "CFK 3.3.0 and Strimzi 0.51.0 (v1 and v1beta2), open to kafka:environment:apply: namespaces team-a and team-b, ready for new environments (CFK's CA Secret ca-pair-sslcerts in each) and for clones of orders-kafka and payments-kafka (their Secrets), no Kafka yet",
  },
];
