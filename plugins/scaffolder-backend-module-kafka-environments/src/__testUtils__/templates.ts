import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import request from 'supertest';
import YAML from 'yaml';

/** The signed-in user of the template tests, as the catalog holds it. */
export const MOCK_USER = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'mock', namespace: 'default' },
  spec: {},
};

/** A template of the repository's templates/ folder, as the catalog would hold it. */
export function templateEntity(folder: string) {
  const entity = YAML.parse(
    fs.readFileSync(
      path.resolve(__dirname, '../../../../templates', folder, 'template.yaml'),
      'utf8',
    ),
  );
  entity.metadata.namespace = 'default';
  return entity;
}

/** Every file under a folder, by its path relative to it. */
export function filesUnder(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        files[path.relative(root, full).split(path.sep).join('/')] =
          fs.readFileSync(full, 'utf8');
      }
    }
  };
  walk(root);
  return files;
}

export interface TaskEvent {
  type: string;
  body: { message?: string; output?: any };
}

/**
 * Runs a template as a task of a test backend (POST /api/scaffolder/v2/tasks), polling until it
 * ends (at most a minute); its status and events.
 */
export async function runTemplateTask(
  server: Server,
  templateRef: string,
  values: Record<string, unknown>,
): Promise<{ created: number; status: string; events: TaskEvent[] }> {
  const created = await request(server)
    .post('/api/scaffolder/v2/tasks')
    .send({ templateRef, values });
  const taskId = created.body.id;
  let status = 'open';
  for (
    let i = 0;
    i < 600 && !['completed', 'failed', 'cancelled'].includes(status);
    i++
  ) {
    await new Promise(resolve => setTimeout(resolve, 100));
    status = (await request(server).get(`/api/scaffolder/v2/tasks/${taskId}`))
      .body.status;
  }
  const events = (
    await request(server).get(`/api/scaffolder/v2/tasks/${taskId}/events`)
  ).body as TaskEvent[];
  return { created: created.status, status, events };
}
