import http from 'node:http';
import https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import { KubernetesClusterErrorKind } from '@k8s-kafka/plugin-kafka-clusters-common';

/**
 * The `Status` object a Kubernetes API server answers a failed request with: its `reason`
 * (`NotFound`, `Conflict`, `Invalid`, …) and `details.causes` (for a server-side apply
 * conflict, one `FieldManagerConflict` per field, naming the field and its manager).
 *
 * @public
 */
export interface KubeStatus {
  reason?: string;
  message?: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: { reason?: string; message?: string; field?: string }[];
  };
}

/**
 * A failed Kubernetes API request, classified the way the status model reports it.
 *
 * @public
 */
export class KubeRequestError extends Error {
  readonly kind: KubernetesClusterErrorKind;
  readonly statusCode?: number;
  /** The API server's `Status` answer, when it gave one. */
  readonly status?: KubeStatus;

  constructor(
    kind: KubernetesClusterErrorKind,
    message: string,
    statusCode?: number,
    status?: KubeStatus,
  ) {
    super(message);
    this.name = 'KubeRequestError';
    this.kind = kind;
    this.statusCode = statusCode;
    this.status = status;
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * Classifies whatever a Kubernetes request failed with.
 *
 * @public
 */
export function toKubeRequestError(error: unknown): KubeRequestError {
  if (error instanceof KubeRequestError) return error;
  const e = error as {
    code?: string;
    statusCode?: number;
    name?: string;
    message?: string;
    cause?: unknown;
    status?: KubeStatus;
  };
  const statusCode = e?.statusCode;
  if (statusCode === 401)
    return new KubeRequestError(
      'unauthorized',
      'Unauthorized (401): the credentials were refused',
      401,
      e.status,
    );
  if (statusCode === 403)
    return new KubeRequestError(
      'forbidden',
      'Forbidden (403): the credentials may not read this',
      403,
      e.status,
    );
  if (statusCode !== undefined)
    return new KubeRequestError(
      'other',
      `${e.message ?? 'Request failed'} (${statusCode})`,
      statusCode,
      e.status,
    );
  if (
    e?.name === 'TimeoutError' ||
    e?.code === 'ETIMEDOUT' ||
    e?.code === 'ESOCKETTIMEDOUT'
  ) {
    return new KubeRequestError(
      'timeout',
      'The API server did not answer in time',
    );
  }
  const code = e?.code ?? (e?.cause as { code?: string } | undefined)?.code;
  if (code && NETWORK_CODES.has(code)) {
    return new KubeRequestError(
      'unreachable',
      `The API server cannot be reached (${code})`,
    );
  }
  return new KubeRequestError('other', e?.message ?? String(error));
}

/**
 * One request to a Kubernetes API path, answered with parsed JSON, with the TLS and credentials
 * of the KubeConfig. Plain JSON, as watch events arrive: client-node's typed clients would turn
 * timestamps into Dates for some kinds and not for others.
 *
 * @public
 */
export async function kubeRequestJson<T>(
  kc: KubeConfig,
  request: {
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
    path: string;
    query?: Record<string, string | number | boolean | undefined>;
    /** Sent as JSON (which is YAML too, for `application/apply-patch+yaml`). */
    body?: unknown;
    contentType?: string;
    /** The Accept header; JSON unless asked (e.g. for metadata-only lists). */
    accept?: string;
    timeoutMs?: number;
  },
): Promise<T> {
  const { path, timeoutMs = 30_000 } = request;
  const cluster = kc.getCurrentCluster();
  if (!cluster)
    throw new KubeRequestError('other', 'No cluster in the KubeConfig');
  const url = new URL(cluster.server.replace(/\/+$/, '') + path);
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  const payload =
    request.body === undefined ? undefined : JSON.stringify(request.body);
  const options: https.RequestOptions = {
    method: request.method,
    headers: {
      Accept: request.accept ?? 'application/json',
      ...(payload !== undefined && {
        'Content-Type': request.contentType ?? 'application/json',
        'Content-Length': Buffer.byteLength(payload),
      }),
    },
  };
  await kc.applyToHTTPSOptions(options);
  const transport = url.protocol === 'http:' ? http : https;

  return new Promise<T>((resolve, reject) => {
    const req = transport.request(
      url,
      { ...options, timeout: timeoutMs },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('error', error => reject(toKubeRequestError(error)));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            try {
              resolve(JSON.parse(body) as T);
            } catch {
              reject(
                new KubeRequestError('other', `Unreadable answer from ${path}`),
              );
            }
            return;
          }
          let message = res.statusMessage ?? 'Request failed';
          let statusObject: KubeStatus | undefined;
          try {
            const parsed = JSON.parse(body) as KubeStatus & { kind?: string };
            if (parsed && parsed.kind === 'Status') statusObject = parsed;
            message = parsed.message ?? message;
          } catch {
            // Not a Status object: keep the status line.
          }
          reject(
            toKubeRequestError({
              statusCode: status,
              message,
              status: statusObject,
            }),
          );
        });
      },
    );
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
    );
    req.on('error', error => reject(toKubeRequestError(error)));
    req.end(payload);
  });
}

/**
 * GET a Kubernetes API path and parse its JSON (see {@link kubeRequestJson}).
 *
 * @public
 */
export async function kubeGetJson<T>(
  kc: KubeConfig,
  path: string,
  query: Record<string, string | number | boolean | undefined> = {},
  timeoutMs = 30_000,
  accept?: string,
): Promise<T> {
  return kubeRequestJson<T>(kc, {
    method: 'GET',
    path,
    query,
    timeoutMs,
    accept,
  });
}
