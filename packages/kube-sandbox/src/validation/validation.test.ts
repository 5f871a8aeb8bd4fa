import { validateRules } from './cel';
import { customResourceValidator } from './customResources';
import { pruneCustomResource } from './structural';

describe('structural pruning and defaulting', () => {
  const schema = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        properties: {
          port: {
            'x-kubernetes-int-or-string': true,
            anyOf: [{ type: 'integer' }, { type: 'string' }],
          },
          note: { type: 'string', nullable: true },
          size: { type: 'integer', default: 1 },
          count: { type: 'integer', format: 'int32' },
          config: {
            type: 'object',
            'x-kubernetes-preserve-unknown-fields': true,
          },
          template: {
            type: 'object',
            'x-kubernetes-embedded-resource': true,
            properties: { spec: { type: 'object' } },
          },
          limits: { type: 'object', additionalProperties: { type: 'string' } },
          mode: { type: 'string', nullable: false },
        },
      },
    },
  };

  it('prunes unknown fields (reporting their paths), keeps preserved and embedded ones, applies defaults', () => {
    const object: any = {
      apiVersion: 'x/v1',
      kind: 'X',
      metadata: { name: 'a', bogus: 1 },
      spec: {
        port: 'http',
        note: null,
        mode: null,
        config: { anything: { goes: true } },
        template: {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 't', nope: 1 },
          spec: {},
          extra: 1,
        },
        limits: { cpu: '1' },
        unknown: true,
      },
    };
    const report = pruneCustomResource(object, schema);
    expect(report.unknown).toEqual([
      'metadata.bogus',
      'spec.template.metadata.nope',
      'spec.template.extra',
      'spec.unknown',
    ]);
    expect(object.spec).toEqual({
      port: 'http',
      note: null,
      config: { anything: { goes: true } },
      template: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 't' },
        spec: {},
      },
      limits: { cpu: '1' },
      size: 1,
    });
  });

  it('checks int-or-string, nullable and int32 values', () => {
    const validator = customResourceValidator(schema);
    const valid = {
      metadata: { name: 'a' },
      spec: { port: 8080, note: null, count: 5 },
    };
    expect(validator.validate(valid)).toEqual([]);
    const errors = validator.validate({
      metadata: { name: 'a' },
      spec: { port: true, count: 2 ** 31 },
    });
    expect(errors.map(e => [e.field, e.type])).toEqual([
      ['spec.port', 'FieldValueTypeInvalid'],
      ['spec.count', 'FieldValueInvalid'],
    ]);
  });
});

describe('CEL rules', () => {
  const schema = {
    type: 'object',
    properties: {
      listeners: {
        type: 'array',
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['name'],
        items: {
          type: 'object',
          properties: { name: { type: 'string' }, port: { type: 'integer' } },
          'x-kubernetes-validations': [
            {
              rule: 'self.port == oldSelf.port',
              message: 'port is immutable',
              fieldPath: '.port',
            },
          ],
        },
      },
      tags: {
        type: 'array',
        'x-kubernetes-list-type': 'set',
        items: { type: 'string' },
      },
      replicas: {
        type: 'integer',
        'x-kubernetes-validations': [
          {
            rule: 'self <= 5',
            messageExpression: "'at most 5 replicas, not ' + string(self)",
            reason: 'FieldValueForbidden',
          },
          { rule: 'self.lowerAscii() == self' },
        ],
      },
    },
  };

  it('runs transition rules on map-list items correlated by key, and only there', () => {
    const old = {
      listeners: [
        { name: 'a', port: 1 },
        { name: 'b', port: 2 },
      ],
    };
    const now = {
      listeners: [
        { name: 'b', port: 3 },
        { name: 'a', port: 1 },
        { name: 'c', port: 4 },
      ],
    };
    expect(validateRules(now, old, schema)).toEqual([
      {
        type: 'FieldValueInvalid',
        field: 'listeners[0].port',
        body: 'Invalid value: "object": port is immutable',
      },
    ]);
    expect(validateRules(now, undefined, schema)).toEqual([]);
  });

  it('reports duplicates in set and map lists', () => {
    const errors = validateRules(
      {
        tags: ['x', 'x'],
        listeners: [
          { name: 'a', port: 1 },
          { name: 'a', port: 2 },
        ],
      },
      undefined,
      schema,
    );
    expect(errors.map(e => [e.type, e.field])).toEqual([
      ['FieldValueDuplicate', 'tags[1]'],
      ['FieldValueDuplicate', 'listeners[1]'],
    ]);
  });

  it('uses messageExpression and reason, and reports what it cannot evaluate', () => {
    const errors = validateRules({ replicas: 7 }, undefined, schema);
    expect(errors).toEqual([
      {
        type: 'FieldValueForbidden',
        field: 'replicas',
        body: 'Forbidden: at most 5 replicas, not 7',
      },
      {
        type: 'FieldValueInvalid',
        field: 'replicas',
        body: expect.stringContaining("'no such overload'"),
      },
    ]);
  });
});
