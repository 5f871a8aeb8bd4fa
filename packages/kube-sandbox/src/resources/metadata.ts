import { randomBytes } from 'node:crypto';
import { isObject, JsonObject } from '../types';
import { FieldError, fieldError } from '../validation/fieldErrors';

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?';
const LABEL_VALUE = '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?';
const QUALIFIED_NAME = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';

/** Which name rule a kind applies to metadata.name. @public */
export type NameRule = 'subdomain' | 'label' | 'dns1035' | 'pathSegment';

/** Checks a name the way the kind's ValidateName function does; returns the error detail. */
export function nameProblem(name: string, rule: NameRule): string | undefined {
  switch (rule) {
    case 'label':
      if (name.length > 63) return 'must be no more than 63 characters';
      if (!new RegExp(`^${DNS1123_LABEL}$`).test(name)) {
        return `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '${DNS1123_LABEL}')`;
      }
      return undefined;
    case 'dns1035':
      if (name.length > 63) return 'must be no more than 63 characters';
      if (!new RegExp(`^${DNS1035_LABEL}$`).test(name)) {
        return `a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '${DNS1035_LABEL}')`;
      }
      return undefined;
    case 'pathSegment':
      if (name === '.' || name === '..') return `may not be '${name}'`;
      if (/[/%]/.test(name))
        return `may not contain '${name.includes('/') ? '/' : '%'}'`;
      return undefined;
    default:
      if (name.length > 253) return 'must be no more than 253 characters';
      if (!new RegExp(`^${DNS1123_SUBDOMAIN}$`).test(name)) {
        return `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${DNS1123_SUBDOMAIN}')`;
      }
      return undefined;
  }
}

function qualifiedNameProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && nameProblem(prefix, 'subdomain')) {
    return `prefix part ${nameProblem(prefix, 'subdomain')}`;
  }
  if (
    !name ||
    name.length > 63 ||
    !new RegExp(`^${QUALIFIED_NAME}$`).test(name)
  ) {
    return `name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${QUALIFIED_NAME}')`;
  }
  return undefined;
}

/**
 * ObjectMeta validation common to all kinds: name (or generateName), labels and annotations.
 * @public
 */
export function validateObjectMeta(
  meta: JsonObject,
  rule: NameRule,
  namespaced: boolean,
): FieldError[] {
  const errors: FieldError[] = [];
  const name = meta.name;
  if (typeof name !== 'string' || !name) {
    errors.push(
      fieldError.required('metadata.name', 'name or generateName is required'),
    );
  } else {
    const problem = nameProblem(name, rule);
    if (problem)
      errors.push(fieldError.invalid('metadata.name', name, problem));
  }
  if (namespaced && !meta.namespace) {
    errors.push(fieldError.required('metadata.namespace'));
  }
  if (!namespaced && meta.namespace) {
    errors.push(
      fieldError.forbidden('metadata.namespace', 'not allowed on this type'),
    );
  }
  if (isObject(meta.labels)) {
    for (const [key, value] of Object.entries(meta.labels)) {
      const keyProblem = qualifiedNameProblem(key);
      if (keyProblem)
        errors.push(fieldError.invalid('metadata.labels', key, keyProblem));
      if (
        typeof value !== 'string' ||
        value.length > 63 ||
        !new RegExp(`^${LABEL_VALUE}$`).test(value)
      ) {
        errors.push(
          fieldError.invalid(
            'metadata.labels',
            value,
            `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '${LABEL_VALUE}')`,
          ),
        );
      }
    }
  }
  if (isObject(meta.annotations)) {
    let size = 0;
    for (const [key, value] of Object.entries(meta.annotations)) {
      const keyProblem = qualifiedNameProblem(key.toLowerCase());
      if (keyProblem)
        errors.push(
          fieldError.invalid('metadata.annotations', key, keyProblem),
        );
      size += key.length + String(value).length;
    }
    if (size > 256 * 1024) {
      errors.push(fieldError.tooLong('metadata.annotations', 256 * 1024));
    }
  }
  return errors;
}

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** The 5-character suffix generateName appends, from the same alphabet as the API server. */
export function generateNameSuffix() {
  const bytes = randomBytes(5);
  return [...bytes].map(b => ALPHANUMS[b % ALPHANUMS.length]).join('');
}

/** RFC 3339 with seconds precision, as metav1.Time serializes. */
export function timestamp(date = new Date()) {
  return `${date.toISOString().slice(0, 19)}Z`;
}
