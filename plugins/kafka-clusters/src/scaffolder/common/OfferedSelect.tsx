import {
  FieldExtensionComponentProps,
  ScaffolderRJSFFieldProps,
} from '@backstage/plugin-scaffolder-react';
import { Text } from '@backstage/ui';
import { ReactNode } from 'react';

/** A field's JSON schema, as RJSF hands it over. */
export type FieldJsonSchema = ScaffolderRJSFFieldProps['schema'];

/** The values a template's `enum` allows, when it lists them. */
export function templateValues(schema: FieldJsonSchema): string[] | undefined {
  return Array.isArray(schema.enum)
    ? schema.enum.filter((v): v is string => typeof v === 'string')
    : undefined;
}

/** The label the template gives a value of its `enum` (`ui:enumNames` or `enumNames`), if any. */
export function templateLabel(
  schema: FieldJsonSchema,
  uiSchema: ScaffolderRJSFFieldProps['uiSchema'] | undefined,
  value: string,
): string | undefined {
  const names =
    uiSchema?.['ui:enumNames'] ?? (schema as { enumNames?: unknown }).enumNames;
  const index = (schema.enum ?? []).indexOf(value);
  return Array.isArray(names) && index >= 0 && typeof names[index] === 'string'
    ? names[index]
    : undefined;
}

/**
 * The form's own select (its string field), listing only the offered values: it looks and
 * behaves like every other choice on the page, whichever theme the scaffolder uses. Below it,
 * the field's description and any notes.
 */
export function OfferedSelect(props: {
  field: FieldExtensionComponentProps<any, any>;
  offered: readonly { value: string; label: string }[];
  notes?: ReactNode;
}) {
  const { field, offered, notes } = props;
  const { schema, uiSchema, registry, idSchema } = field;
  // Without ui:field the string field labels itself, as it does for the template's selects.
  const { 'ui:field': _field, ...ownUiSchema } = uiSchema ?? {};
  const { StringField } = registry.fields;
  return (
    <>
      <StringField
        {...field}
        schema={{ ...schema, enum: offered.map(o => o.value) }}
        uiSchema={{ ...ownUiSchema, 'ui:enumNames': offered.map(o => o.label) }}
      />
      {schema.description && (
        <Text
          as="p"
          variant="body-small"
          color="secondary"
          id={`${idSchema.$id}__description`}
        >
          {schema.description}
        </Text>
      )}
      {notes}
    </>
  );
}
