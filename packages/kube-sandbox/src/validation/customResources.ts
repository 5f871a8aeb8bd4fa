import { createHash } from 'node:crypto';
import { ValidateFunction } from 'ajv';
import { JsonObject } from '../types';
import { validateRules } from './cel';
import { FieldError } from './fieldErrors';
import { compileSchema, toFieldErrors } from './openapiSchema';
import { pruneCustomResource, StructuralReport } from './structural';

/** Validation of one version of one custom resource kind. @public */
export interface CustomResourceValidator {
  /** Prunes unknown fields and applies defaults, in place. */
  prune(object: JsonObject): StructuralReport;
  /** Schema and CEL validation of a pruned object; `old` enables transition rules. */
  validate(object: JsonObject, old?: JsonObject): FieldError[];
}

/*
 * Compiling the operators' 300–600 KB schemas takes ajv a second or more, so a validator is built
 * on first use and shared by every cluster serving the same schema (keyed by content, since each
 * cluster stores its own copy of the CRD).
 */
const bySchema = new WeakMap<object, CustomResourceValidator>();
const byContent = new Map<string, CustomResourceValidator>();

/** The (lazily compiled, cached) validator of a CRD version's openAPIV3Schema. @public */
export function customResourceValidator(
  schema: JsonObject,
): CustomResourceValidator {
  let validator = bySchema.get(schema);
  if (validator) {
    return validator;
  }
  const hash = createHash('sha1').update(JSON.stringify(schema)).digest('hex');
  validator = byContent.get(hash);
  if (!validator) {
    let compiled: ValidateFunction | undefined;
    validator = {
      prune: object => pruneCustomResource(object, schema),
      validate(object, old) {
        compiled ??= compileSchema(schema);
        const errors = compiled(object)
          ? []
          : toFieldErrors(object, compiled.errors ?? []);
        return [...errors, ...validateRules(object, old, schema)];
      },
    };
    byContent.set(hash, validator);
  }
  bySchema.set(schema, validator);
  return validator;
}
