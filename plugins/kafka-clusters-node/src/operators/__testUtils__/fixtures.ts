import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';

/**
 * Argo CD's health-check test data for CFK and Strimzi, kept as a fixture of this package
 * (provenance and licence in its README.md).
 */
export const ARGO_CD_FIXTURES = path.join(
  __dirname,
  '../../__fixtures__/argo-cd',
);

/** Every document of a YAML file. */
export function readYaml(file: string): unknown[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map(doc =>
    doc.toJS(),
  );
}

/** A minute after the latest timestamp in an object: "now" for a sample taken when it was written. */
export function nowAfter(...objects: unknown[]): Date {
  let latest = 0;
  const visit = (value: unknown) => {
    if (
      typeof value === 'string' &&
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)
    ) {
      const ms = Date.parse(value);
      if (!Number.isNaN(ms) && ms > latest) latest = ms;
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(visit);
    }
  };
  objects.forEach(visit);
  return new Date(latest + 60_000);
}
