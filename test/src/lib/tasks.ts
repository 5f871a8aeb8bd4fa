import { GiveUp, RunningBackend, waitFor } from './portal';

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

/** Whether a task's status is one it ends in. */
const taskEnded = (status: string) =>
  ['completed', 'failed', 'cancelled'].includes(status);

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
  const { status, log } = await waitFor(
    'the task to end',
    async () => {
      const progress = await taskProgress(api, taskId).catch(error => {
        throw new Error(
          `${error}\n--- backend ---\n${backend.output().slice(-4000)}`,
        );
      });
      return taskEnded(progress.status) ? progress : undefined;
    },
    options.timeoutMs,
  );
  if (status !== 'completed') {
    throw new Error(
      `The task ${status}:\n${log.join('\n')}\n--- backend ---\n${backend
        .output()
        .slice(-4000)}`,
    );
  }
  return { log };
}

/**
 * A task's status and its log lines so far, read from the scaffolder's routes. The status is
 * read first and the events after it, so a log read with an ended status is the whole log.
 */
export async function taskProgress(
  api: BackendApi,
  taskId: string,
): Promise<{ status: string; log: string[] }> {
  const task = await api('GET', `/api/scaffolder/v2/tasks/${taskId}`);
  const events = await api('GET', `/api/scaffolder/v2/tasks/${taskId}/events`);
  if (task.status !== 200 || events.status !== 200) {
    throw new Error(
      `Reading task ${taskId} answered ${task.status} and ${events.status}`,
    );
  }
  const log = (events.body as { type: string; body: { message?: string } }[])
    .filter(e => e.type === 'log')
    .map(e => e.body.message ?? '');
  return { status: task.body.status, log };
}

/**
 * Waits until a task has logged a line matching `pattern`, and returns that line. The browser's
 * log view renders only the lines in view (it is virtualised), so a line the task wrote
 * between two looks can scroll past unseen: the scaffolder's routes keep every line. A task
 * that ended without the line, or a timeout, is an Error with the log.
 */
export async function waitForTaskLog(
  api: BackendApi,
  taskId: string,
  pattern: RegExp,
  timeoutMs: number,
): Promise<string> {
  return waitFor(
    `a log line matching ${pattern}`,
    async () => {
      // A failed read of the task ends the wait: only a line not there yet is looked for again.
      const { status, log } = await taskProgress(api, taskId).catch(error => {
        throw new GiveUp(`${error}`, { cause: error });
      });
      const line = log.find(l => pattern.test(l));
      if (line !== undefined) return line;
      if (taskEnded(status)) {
        throw new GiveUp(
          `The task ${status} without a log line matching ${pattern}:\n${log.join(
            '\n',
          )}`,
        );
      }
      // Not yet: the last of these is the timeout's message.
      throw new Error(`the task's log so far:\n${log.join('\n')}`);
    },
    timeoutMs,
  );
}

/** The task a scaffolder page shows, from its address (`/create/tasks/<id>`). */
export function taskIdOfPage(url: string): string {
  const id = /\/create\/tasks\/([^/?#]+)/.exec(url)?.[1];
  if (!id) throw new Error(`Not a task page: ${url}`);
  return id;
}
