import {
  FieldExtensionOptions,
  ScaffolderFieldExtensions,
  useCustomFieldExtensions,
} from '@backstage/plugin-scaffolder-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ReactNode } from 'react';
import {
  KafkaApplyClusterPicker,
  validateKafkaApplyCluster,
} from './KafkaApplyClusterPicker/KafkaApplyClusterPicker';
import {
  KafkaClusterPicker,
  validateKafkaCluster,
} from './KafkaClusterPicker/KafkaClusterPicker';
import {
  KafkaDeliveryPicker,
  validateKafkaDelivery,
} from './KafkaDeliveryPicker/KafkaDeliveryPicker';
import {
  KafkaApplyClusterPickerFieldExtension,
  KafkaClusterPickerFieldExtension,
  KafkaDeliveryPickerFieldExtension,
} from './legacy';

let collected: FieldExtensionOptions[] = [];

/** Reads the fields as the old system's scaffolder page reads the children of its route. */
function FieldsOf(props: { outlet: ReactNode }) {
  collected = useCustomFieldExtensions(props.outlet);
  return <>{collected.map(f => f.name).join(', ')}</>;
}

describe('the field extensions for the old frontend system', () => {
  it('reach the scaffolder placed inside ScaffolderFieldExtensions, with their components and validations', async () => {
    await renderInTestApp(
      <FieldsOf
        outlet={
          <ScaffolderFieldExtensions>
            <KafkaDeliveryPickerFieldExtension />
            <KafkaApplyClusterPickerFieldExtension />
            <KafkaClusterPickerFieldExtension />
          </ScaffolderFieldExtensions>
        }
      />,
    );
    expect(
      screen.getByText(
        'KafkaDeliveryPicker, KafkaApplyClusterPicker, KafkaClusterPicker',
      ),
    ).toBeInTheDocument();
    const [delivery, cluster, kafka] = collected;
    expect(delivery.component).toBe(KafkaDeliveryPicker);
    expect(delivery.validation).toBe(validateKafkaDelivery);
    expect(cluster.component).toBe(KafkaApplyClusterPicker);
    expect(cluster.validation).toBe(validateKafkaApplyCluster);
    expect(kafka.component).toBe(KafkaClusterPicker);
    expect(kafka.validation).toBe(validateKafkaCluster);
  });
});
