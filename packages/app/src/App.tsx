import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import kubernetesPlugin from '@backstage/plugin-kubernetes/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import signalsPlugin from '@backstage/plugin-signals/alpha';
import kafkaClustersPlugin, {
  kafkaClustersScaffolderModule,
} from '@k8s-kafka/plugin-kafka-clusters';

export default createApp({
  features: [
    catalogPlugin,
    catalogGraphPlugin,
    orgPlugin,
    scaffolderPlugin,
    kubernetesPlugin,
    // Live updates of the Kafka tab, card and fleet page; without it they poll.
    signalsPlugin,
    notificationsPlugin,
    kafkaClustersPlugin,
    // The environment templates' fields (KafkaDeliveryPicker, KafkaApplyClusterPicker,
    // KafkaClusterPicker). The Kafka tab's Clone needs no binding here: its route defaults
    // to scaffolder.selectedTemplate.
    kafkaClustersScaffolderModule,
  ],
});
