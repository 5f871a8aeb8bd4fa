/**
 * One permission of a token, shaped like an RBAC PolicyRule plus the namespaces it applies in.
 * @public
 */
export interface AccessRule {
  /** `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`, or `*`. */
  verbs: string[];
  /** Resources (`pods`, `kafkas`, `pods/status`, `*`). */
  resources: string[];
  /** API groups ('' for core); default all. */
  apiGroups?: string[];
  /** Namespaces the rule applies in; default all, including cluster-scoped and all-namespace requests. */
  namespaces?: string[];
}

/** A bearer token the cluster accepts. @public */
export interface TokenSpec {
  token: string;
  /** The user name in 403 messages, e.g. `system:serviceaccount:kafka:reader`. */
  user: string;
  rules: AccessRule[];
}

/** What a request asks to do, as the authorizer sees it. @public */
export interface RequestAttributes {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
}

/** Full access: the admin token written to the state folder. @public */
export const ADMIN_RULES: AccessRule[] = [{ verbs: ['*'], resources: ['*'] }];

const has = (list: string[] | undefined, value: string) =>
  !list || list.includes('*') || list.includes(value);

/** Whether any rule of the token allows the request (RBAC's union semantics). @public */
export function authorize(token: TokenSpec, attrs: RequestAttributes): boolean {
  const resource = attrs.subresource
    ? `${attrs.resource}/${attrs.subresource}`
    : attrs.resource;
  return token.rules.some(rule => {
    if (!has(rule.verbs, attrs.verb) || !has(rule.apiGroups, attrs.group)) {
      return false;
    }
    const resourceOk =
      rule.resources.includes('*') ||
      rule.resources.includes(resource) ||
      (attrs.subresource !== undefined &&
        rule.resources.includes(`*/${attrs.subresource}`));
    if (!resourceOk) return false;
    if (!rule.namespaces || rule.namespaces.includes('*')) return true;
    return (
      attrs.namespace !== undefined && rule.namespaces.includes(attrs.namespace)
    );
  });
}

/** The token of an `Authorization: Bearer …` header, if it is one the cluster knows. @public */
export function authenticate(
  tokens: Map<string, TokenSpec>,
  header: string | undefined,
): TokenSpec | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m ? tokens.get(m[1]) : undefined;
}
