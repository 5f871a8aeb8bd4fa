import { Entity } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ClusterDetails } from '@backstage/plugin-kubernetes-node';
import {
  CatalogLocatorOptions,
  validateCatalogClusterUrl,
} from './catalogLocator';
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
 * Like the Kubernetes plugin, it refuses the `serviceAccount` provider here, and URLs that are
 * not HTTPS to a public address (unless `dangerouslyAllowClusterUrls` names the host): a
 * catalog entry must not be able to point the backend's credentials at a host of its choosing.
 *
 * @public
 */
export async function readCatalogClusters(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  logger: LoggerService;
  /** The catalog locator's safety switches; both off when not given. */
  locator?: CatalogLocatorOptions;
}): Promise<ClusterDetails[]> {
  const locator = options.locator ?? {
    allowSkipTLSVerify: false,
    allowClusterUrls: [],
  };
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
  const clusters = await Promise.all(
    items.map(async (entity: Entity): Promise<ClusterDetails | undefined> => {
      const annotations = entity.metadata.annotations ?? {};
      const authProvider = annotations[ANNOTATION_KUBERNETES_AUTH_PROVIDER];
      if (authProvider === 'serviceAccount') {
        options.logger.warn(
          `Ignoring kubernetes-cluster Resource '${entity.metadata.name}': the catalog locator does not support the serviceAccount auth provider`,
        );
        return undefined;
      }
      try {
        await validateCatalogClusterUrl(
          annotations[ANNOTATION_KUBERNETES_API_SERVER],
          locator,
        );
      } catch (error) {
        options.logger.warn(
          `Ignoring kubernetes-cluster Resource '${entity.metadata.name}': ${
            (error as Error).message
          }`,
        );
        return undefined;
      }
      const details: ClusterDetails = {
        name: entity.metadata.name,
        title: entity.metadata.title,
        url: annotations[ANNOTATION_KUBERNETES_API_SERVER],
        caData: annotations[ANNOTATION_KUBERNETES_API_SERVER_CA],
        skipTLSVerify:
          locator.allowSkipTLSVerify &&
          annotations[ANNOTATION_KUBERNETES_SKIP_TLS_VERIFY] === 'true',
        dashboardUrl: annotations[ANNOTATION_KUBERNETES_DASHBOARD_URL],
        authMetadata: Object.fromEntries(
          Object.entries(annotations).filter(([key]) =>
            key.startsWith('kubernetes.io/'),
          ),
        ),
      };
      return details;
    }),
  );
  return clusters.filter((c): c is ClusterDetails => c !== undefined);
}
