import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { configApiRef, useApi, useRouteRef } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { taskCreatePermission } from '@backstage/plugin-scaffolder-common/alpha';
import { ButtonLink, Text } from '@backstage/ui';
import { KafkaClusterRef } from '@k8s-kafka/plugin-kafka-clusters-common';
import { RiFileCopyLine } from '@remixicon/react';
import { cloneTemplateRouteRef } from '../../routes';

/** The template "Clone" opens when `kafkaClusters.cloneTemplate` names none. */
export const DEFAULT_CLONE_TEMPLATE =
  'template:default/kafka-environment-clone';

/**
 * The form data the clone template starts from: the page's entity as the service, and the
 * cluster as the source, in the shapes the EntityPicker and the KafkaClusterPicker write.
 */
export function cloneFormData(entity: Entity, kafka: KafkaClusterRef) {
  return {
    service: stringifyEntityRef(entity),
    source: {
      cluster: kafka.cluster,
      namespace: kafka.namespace,
      name: kafka.name,
    },
  };
}

/**
 * "Clone" for one Kafka cluster of the tab: a link to the clone template, pre-filled through
 * `?formData=`. Left out where it would lead nowhere: no scaffolder page to open (the
 * external route unbound) or a user who may not run templates (`scaffolder.task.create`).
 */
export function CloneAction(props: { entity: Entity; kafka: KafkaClusterRef }) {
  const templateRoute = useRouteRef(cloneTemplateRouteRef);
  // Only an app with the scaffolder is asked for permissions: an old-system app that binds
  // nothing keeps its tab without a permission API.
  return templateRoute ? (
    <PermittedCloneLink {...props} templateRoute={templateRoute} />
  ) : null;
}

function PermittedCloneLink(props: {
  entity: Entity;
  kafka: KafkaClusterRef;
  templateRoute: (params: {
    namespace: string;
    templateName: string;
  }) => string;
}) {
  const { entity, kafka, templateRoute } = props;
  const configured = useApi(configApiRef).getOptionalString(
    'kafkaClusters.cloneTemplate',
  );
  // While the answer is pending `allowed` is false, so the action never shows to be taken away.
  const { allowed } = usePermission({ permission: taskCreatePermission });
  if (!allowed) return null;

  const templateRef = configured ?? DEFAULT_CLONE_TEMPLATE;
  let template;
  try {
    template = parseEntityRef(templateRef, {
      defaultKind: 'template',
      defaultNamespace: 'default',
    });
  } catch {
    // Said here rather than thrown, so a bad setting costs the action, not the tab.
    return (
      <Text as="p" variant="body-small" color="warning">
        {`Clone is not offered: kafkaClusters.cloneTemplate '${templateRef}' is not an entity ref`}
      </Text>
    );
  }
  const path = templateRoute({
    namespace: template.namespace,
    templateName: template.name,
  });
  const formData = encodeURIComponent(
    JSON.stringify(cloneFormData(entity, kafka)),
  );
  return (
    <ButtonLink
      href={`${path}?formData=${formData}`}
      variant="secondary"
      size="small"
      iconStart={<RiFileCopyLine size={16} aria-hidden />}
      aria-label={`Clone ${kafka.name} (${kafka.cluster}/${kafka.namespace})`}
    >
      Clone
    </ButtonLink>
  );
}
