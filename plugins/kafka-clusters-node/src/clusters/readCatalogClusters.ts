import { Entity } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ClusterDetails } from '@backstage/plugin-kubernetes-node';
import {
  ANNOTATION_KUBERNETES_API_SERVER,
  ANNOTATION_KUBERNETES_API_SERVER_CA,
  ANNOTATION_KUBERNETES_AUTH_PROVIDER,
  ANNOTATION_KUBERNETES_DASHBOARD_URL,
  ANNOTATION_KUBERNETES_SKIP_TLS_VERIFY,
} from '@backstage/plugin-kubernetes-common';

/**
 * The clusters of the `catalog` locator: Resource entities of type `kubernetes-cluster`
 * with the `kubernetes.io/api-server`, `-certificate-authority` and `auth-provider`
 * annotations, read as the Kubernetes plugin reads them.
 *
 * Like the Kubernetes plugin, it refuses the `serviceAccount` provider here: a catalog entry
 * must not be able to borrow the backend's own token for a URL of its choosing.
 *
 * @public
 */
export async function readCatalogClusters(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  logger: LoggerService;
  /** Mirrors the Kubernetes plugin's `dangerouslyAllowSkipTLSVerify` of the catalog locator. */
  allowSkipTLSVerify?: boolean;
}): Promise<ClusterDetails[]> {
  const { items } = await options.catalog.getEntities(
    {
      filter: {
        kind: 'Resource',
        'spec.type': 'kubernetes-cluster',
        [`metadata.annotations.${ANNOTATION_KUBERNETES_API_SERVER}`]:
          CATALOG_FILTER_EXISTS,
        [`metadata.annotations.${ANNOTATION_KUBERNETES_API_SERVER_CA}`]:
          CATALOG_FILTER_EXISTS,
        [`metadata.annotations.${ANNOTATION_KUBERNETES_AUTH_PROVIDER}`]:
          CATALOG_FILTER_EXISTS,
      },
    },
    { credentials: options.credentials },
  );
  return items.flatMap((entity: Entity) => {
    const annotations = entity.metadata.annotations ?? {};
    const authProvider = annotations[ANNOTATION_KUBERNETES_AUTH_PROVIDER];
    if (authProvider === 'serviceAccount') {
      options.logger.warn(
        `Ignoring kubernetes-cluster Resource '${entity.metadata.name}': the catalog locator does not support the serviceAccount auth provider`,
      );
      return [];
    }
    const details: ClusterDetails = {
      name: entity.metadata.name,
      title: entity.metadata.title,
      url: annotations[ANNOTATION_KUBERNETES_API_SERVER],
      caData: annotations[ANNOTATION_KUBERNETES_API_SERVER_CA],
      skipTLSVerify:
        (options.allowSkipTLSVerify ?? false) &&
        annotations[ANNOTATION_KUBERNETES_SKIP_TLS_VERIFY] === 'true',
      dashboardUrl: annotations[ANNOTATION_KUBERNETES_DASHBOARD_URL],
      authMetadata: Object.fromEntries(
        Object.entries(annotations).filter(([key]) =>
          key.startsWith('kubernetes.io/'),
        ),
      ),
    };
    return [details];
  });
}
