import { updateManagedFields } from './managedFields';

const fields = (o: any) =>
  Object.fromEntries(
    o.metadata.managedFields.map((m: any) => [
      `${m.manager}${m.subresource ? `/${m.subresource}` : ''}`,
      m.fieldsV1,
    ]),
  );

describe('managedFields', () => {
  it('gives a writer the fields it sets, takes them from others, and keeps status writes apart', () => {
    const created: any = {
      metadata: { name: 'a', labels: { app: 'x' } },
      spec: { replicas: 1, image: 'i:1' },
    };
    updateManagedFields(created, undefined, 'kubectl-client-side-apply', 'v1', {
      statusSubresource: true,
    });
    expect(fields(created)).toEqual({
      'kubectl-client-side-apply': {
        'f:metadata': { 'f:labels': { 'f:app': {} } },
        'f:spec': { 'f:image': {}, 'f:replicas': {} },
      },
    });

    const scaled: any = {
      ...structuredClone(created),
      spec: { replicas: 3, image: 'i:1' },
    };
    updateManagedFields(scaled, created, 'hpa', 'v1', {
      statusSubresource: true,
    });
    expect(fields(scaled)).toEqual({
      'kubectl-client-side-apply': {
        'f:metadata': { 'f:labels': { 'f:app': {} } },
        'f:spec': { 'f:image': {} },
      },
      hpa: { 'f:spec': { 'f:replicas': {} } },
    });

    const status: any = {
      ...structuredClone(scaled),
      status: { readyReplicas: 3 },
    };
    updateManagedFields(status, scaled, 'operator', 'v1', {
      subresource: 'status',
      statusSubresource: true,
    });
    expect(fields(status)['operator/status']).toEqual({
      'f:status': { 'f:readyReplicas': {} },
    });
    expect(
      status.metadata.managedFields.every(
        (m: any) => m.operation === 'Update' && m.fieldsType === 'FieldsV1',
      ),
    ).toBe(true);
  });
});
