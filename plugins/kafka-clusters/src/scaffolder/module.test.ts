import { renderTestApp } from '@backstage/frontend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import { formFieldsApiRef } from '@backstage/plugin-scaffolder-react/alpha';
import { KafkaApplyClusterPicker } from './KafkaApplyClusterPicker/KafkaApplyClusterPicker';
import { KafkaClusterPicker } from './KafkaClusterPicker/KafkaClusterPicker';
import { KafkaDeliveryPicker } from './KafkaDeliveryPicker/KafkaDeliveryPicker';
import { kafkaClustersScaffolderModule } from './module';

describe('kafkaClustersScaffolderModule', () => {
  it("adds the three fields to the scaffolder's form fields, in an app with the scaffolder", async () => {
    const { apis } = renderTestApp({
      features: [scaffolderPlugin, kafkaClustersScaffolderModule],
    });
    // What the scaffolder's template page hands its form (internal: name, component, …).
    const fields = (await apis
      .get(formFieldsApiRef)!
      .loadFormFields()) as unknown as { name: string; component: unknown }[];
    const ours = Object.fromEntries(
      fields
        .filter(f => f.name.startsWith('Kafka'))
        .map(f => [f.name, f.component]),
    );
    expect(ours).toEqual({
      KafkaDeliveryPicker,
      KafkaApplyClusterPicker,
      KafkaClusterPicker,
    });
  });
});
