import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';

/**
 * `../shared` beside the repository root (the team's shared documents and peer data), found by
 * walking up to the root package.json with workspaces. Read at test time, never copied.
 */
export function sharedDir(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (
      fs.existsSync(manifest) &&
      JSON.parse(fs.readFileSync(manifest, 'utf8')).workspaces
    ) {
      return path.resolve(dir, '..', 'shared');
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`No workspace root above ${__dirname}`);
    }
    dir = parent;
  }
}

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
