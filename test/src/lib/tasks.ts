import { RunningBackend, waitFor } from './portal';

/** A JSON answer of the backend: its status and body (text when it is not JSON). */
export interface ApiAnswer {
  status: number;
  body: any;
}

/** Requests to the running backend as one signed-in user. */
export type BackendApi = (
  method: string,
  route: string,
  body?: unknown,
) => Promise<ApiAnswer>;

export function backendApi(backend: RunningBackend, token: string): BackendApi {
  return async (method, route, body) => {
    const res = await fetch(`${backend.baseUrl}${route}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text) };
    } catch {
      return { status: res.status, body: text };
    }
  };
}

/**
 * Runs a template as a task and waits for its end; its log lines. A task that did not complete
 * is an Error with its log and the backend's last output.
 */
export async function runTemplateTask(
  api: BackendApi,
  backend: RunningBackend,
  options: {
    templateRef: string;
    values: Record<string, unknown>;
    timeoutMs: number;
  },
): Promise<{ log: string[] }> {
  const created = await api('POST', '/api/scaffolder/v2/tasks', {
    templateRef: options.templateRef,
    values: options.values,
  });
  if (created.status !== 201) {
    throw new Error(
      `Creating the task answered ${created.status}: ${JSON.stringify(
        created.body,
      )}`,
    );
  }
  const taskId = created.body.id;
  const task = await waitFor(
    'the task to end',
    async () => {
      const { body } = await api(
        'GET',
        `/api/scaffolder/v2/tasks/${taskId}`,
      ).catch(error => {
        throw new Error(
          `${error}\n--- backend ---\n${backend.output().slice(-4000)}`,
        );
      });
      return ['completed', 'failed', 'cancelled'].includes(body.status)
        ? body
        : undefined;
    },
    options.timeoutMs,
  );
  const { body: events } = await api(
    'GET',
    `/api/scaffolder/v2/tasks/${taskId}/events`,
  );
  const log = (events as { type: string; body: { message?: string } }[])
    .filter(e => e.type === 'log')
    .map(e => e.body.message ?? '');
  if (task.status !== 'completed') {
    throw new Error(
      `The task ${task.status}:\n${log.join('\n')}\n--- backend ---\n${backend
        .output()
        .slice(-4000)}`,
    );
  }
  return { log };
}
