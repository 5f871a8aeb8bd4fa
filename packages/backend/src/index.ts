import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-permission-backend'));
// Allow-all, unless `permissionPolicy.deny` names permissions (the suites' denying policy).
backend.add(import('./permissionPolicy'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
// Catalog processing errors (a broken catalog-info.yaml) in the backend's log.
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@k8s-kafka/plugin-catalog-backend-module-kafka-clusters'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@k8s-kafka/plugin-scaffolder-backend-module-kafka-environments'),
);

backend.add(import('@backstage/plugin-kubernetes-backend'));
backend.add(import('@k8s-kafka/plugin-kafka-clusters-backend'));

// Pushes the Kafka tab's updates to browsers (the kafka-clusters:status signal) and keeps the
// owners' notifications of Kafka clusters that stay degraded. Across replicas, signals travel
// through the events service: give it a shared bus (plugin-events-backend) there.
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));

// The actions of the plugins that `backend.actions.pluginSources` names, as MCP tools.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
