import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';

/**
 * Allows every permission except those named. With none named (the default), it is the
 * allow-all policy.
 */
export class AllowAllExceptPolicy implements PermissionPolicy {
  readonly #denied: ReadonlySet<string>;

  constructor(denied: Iterable<string>) {
    this.#denied = new Set(denied);
  }

  async handle(request: PolicyQuery) {
    return {
      result: this.#denied.has(request.permission.name)
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    };
  }
}

/**
 * The portal's permission policy: allow everything, except the permissions that
 * `permissionPolicy.deny` names (none unless configured). The suites name some, to check
 * that what a user may not see stays hidden; a real deployment writes its own policy.
 */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'portal-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ policy, config, logger }) {
        const denied =
          config.getOptionalStringArray('permissionPolicy.deny') ?? [];
        if (denied.length > 0) {
          logger.warn('Permission policy denies some permissions to everyone', {
            denied: denied.join(', '),
          });
        }
        policy.setPolicy(new AllowAllExceptPolicy(denied));
      },
    });
  },
});
