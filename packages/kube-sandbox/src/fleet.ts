import { ClusterOptions } from './sandbox';

/** Default port of the admin endpoint. @public */
export const DEFAULT_ADMIN_PORT = 6550;

/**
 * The demo fleet `npm start` and `yarn start` run: one cluster per operator flavour the suite
 * supports, each on a fixed port so app-config can name it.
 * @public
 */
export const DEFAULT_FLEET: ReadonlyArray<
  Required<Pick<ClusterOptions, 'name' | 'port' | 'crdSets'>>
> = [
  { name: 'prod-eu', port: 6551, crdSets: ['cfk-3.3.0'] },
  { name: 'prod-us', port: 6552, crdSets: ['strimzi-1.2.0'] },
  { name: 'staging', port: 6553, crdSets: ['strimzi-0.51.0'] },
];
