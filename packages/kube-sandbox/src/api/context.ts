import { TokenSpec } from '../cluster/auth';
import { createFaultState } from '../cluster/faults';
import { RequestTally } from '../cluster/requests';
import { ClusterCore, Target } from '../resources/target';
import { createOpenApiCache } from './openapi';
import { WatchContext } from './watch';

/** Everything the API needs of one cluster. */
export interface ApiContext extends ClusterCore, WatchContext {
  tokens: Map<string, TokenSpec>;
  faults: ReturnType<typeof createFaultState>;
  openapi: ReturnType<typeof createOpenApiCache>;
  requests: RequestTally;
  /** host:port, for /api's serverAddressByClientCIDRs. */
  serverAddress(): string;
}

/** A routed request on a resource: what it addresses and the authorization verb. */
export interface ResourceRequest extends Target {
  version: string;
  verb: string;
}
