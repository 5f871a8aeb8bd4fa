import { FieldError } from '../validation/fieldErrors';

/** A `metav1.StatusCause`. @public */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

/** A `metav1.Status` failure, as the API server sends it. @public */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: {};
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: StatusCause[];
    retryAfterSeconds?: number;
  };
  code: number;
}

/** An error the API answers with a Status body. @public */
export class ApiError extends Error {
  constructor(readonly status: Status) {
    super(status.message);
    this.name = 'ApiError';
  }
}

/** What an error message needs to name a resource: its group and plural name. */
export interface ResourceRef {
  group: string;
  resource: string;
  kind?: string;
}

const gr = (r: ResourceRef) =>
  r.group ? `${r.resource}.${r.group}` : r.resource;

function failure(
  code: number,
  reason: string,
  message: string,
  details?: Status['details'],
): ApiError {
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  });
}

const resourceDetails = (r: ResourceRef, name?: string) => ({
  ...(name ? { name } : {}),
  ...(r.group ? { group: r.group } : {}),
  kind: r.resource,
});

/** Builders of the errors a real API server returns, with its messages. */
export const errors = {
  unauthorized: () => failure(401, 'Unauthorized', 'Unauthorized'),
  forbidden(
    user: string,
    verb: string,
    r: ResourceRef,
    namespace: string | undefined,
    name?: string,
    subresource?: string,
  ) {
    const resource = subresource ? `${r.resource}/${subresource}` : r.resource;
    const subject = name ? `${gr(r)} "${name}"` : gr(r);
    const scope = namespace
      ? `in the namespace "${namespace}"`
      : 'at the cluster scope';
    return failure(
      403,
      'Forbidden',
      `${subject} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${r.group}" ${scope}`,
      resourceDetails(r, name),
    );
  },
  forbiddenMessage: (r: ResourceRef, name: string, message: string) =>
    failure(
      403,
      'Forbidden',
      `${gr(r)} "${name}" is forbidden: ${message}`,
      resourceDetails(r, name),
    ),
  notFound: (r: ResourceRef, name: string) =>
    failure(
      404,
      'NotFound',
      `${gr(r)} "${name}" not found`,
      resourceDetails(r, name),
    ),
  pathNotFound: () =>
    failure(
      404,
      'NotFound',
      'the server could not find the requested resource',
    ),
  alreadyExists: (r: ResourceRef, name: string) =>
    failure(
      409,
      'AlreadyExists',
      `${gr(r)} "${name}" already exists`,
      resourceDetails(r, name),
    ),
  conflict: (r: ResourceRef, name: string, detail?: string) =>
    failure(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${gr(r)} "${name}": ${
        detail ??
        'the object has been modified; please apply your changes to the latest version and try again'
      }`,
      resourceDetails(r, name),
    ),
  invalid(r: ResourceRef & { kind: string }, name: string, errs: FieldError[]) {
    const qualifiedKind = r.group ? `${r.kind}.${r.group}` : r.kind;
    const all = errs.map(e => `${e.field}: ${e.body}`);
    const aggregate = all.length === 1 ? all[0] : `[${all.join(', ')}]`;
    return failure(
      422,
      'Invalid',
      `${qualifiedKind} "${name}" is invalid: ${aggregate}`,
      {
        name,
        ...(r.group ? { group: r.group } : {}),
        kind: r.kind,
        causes: errs.map(e => ({
          reason: e.type,
          message: e.body,
          field: e.field,
        })),
      },
    );
  },
  badRequest: (message: string) => failure(400, 'BadRequest', message),
  methodNotAllowed: () =>
    failure(
      405,
      'MethodNotAllowed',
      'the server does not allow this method on the requested resource',
    ),
  notAcceptable: (message: string) => failure(406, 'NotAcceptable', message),
  unsupportedMediaType: (accepted: string[]) =>
    failure(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: ${accepted.join(
        ', ',
      )}`,
    ),
  expired: (message: string) => failure(410, 'Expired', message),
  tooLargeResourceVersion: (requested: number, current: number) =>
    new ApiError({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `Timeout: Too large resource version: ${requested}, current: ${current}`,
      reason: 'Timeout',
      details: {
        causes: [
          {
            reason: 'ResourceVersionTooLarge',
            message: 'Too large resource version',
          },
        ],
        retryAfterSeconds: 1,
      },
      code: 504,
    }),
  internal: (message: string) =>
    failure(500, 'InternalError', `Internal error occurred: ${message}`, {
      causes: [{ message }],
    }),
  /** An error chosen by fault injection: any code, with the reason the code usually carries. */
  injected(code: number, message?: string) {
    const reasons: Record<number, string> = {
      400: 'BadRequest',
      401: 'Unauthorized',
      403: 'Forbidden',
      404: 'NotFound',
      409: 'Conflict',
      410: 'Expired',
      422: 'Invalid',
      429: 'TooManyRequests',
      500: 'InternalError',
      503: 'ServiceUnavailable',
      504: 'Timeout',
    };
    return failure(
      code,
      reasons[code] ?? 'Unknown',
      message ?? `injected fault: HTTP ${code}`,
    );
  },
};
