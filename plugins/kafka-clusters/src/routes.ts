import { createExternalRouteRef } from '@backstage/core-plugin-api';
import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The fleet page. */
export const rootRouteRef = createRouteRef();

/**
 * The scaffolder's page of one template, which the Kafka tab's "Clone" action opens. Bound by
 * default to `scaffolder.selectedTemplate`; unbound (no scaffolder, or
 * `app.routes.bindings: { kafka-clusters.cloneTemplate: false }`), the action is hidden.
 *
 * Made with core-plugin-api's `createExternalRouteRef`, as the catalog makes its own
 * template routes: one ref that both frontend systems resolve, so the same tab serves the
 * new plugin and the legacy one.
 */
export const cloneTemplateRouteRef = createExternalRouteRef({
  id: 'kafka-clusters:clone-template',
  params: ['namespace', 'templateName'],
  optional: true,
  defaultTarget: 'scaffolder.selectedTemplate',
});
