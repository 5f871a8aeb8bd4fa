import { http, HttpResponse } from 'msw';

const API = 'https://api.github.com';

/** A tree entry as the Git Data API receives it (https://docs.github.com/en/rest/git/trees). */
export interface ReceivedTreeEntry {
  path: string;
  mode: string;
  /** A blob created before, for content sent base64-encoded. */
  sha?: string | null;
  /** Content sent inline, as UTF-8. */
  content?: string;
}

/** Everything the double was asked to create, in order. */
export interface GithubRecord {
  blobs: Map<string, { content: string; encoding: string }>;
  trees: { sha: string; base_tree?: string; tree: ReceivedTreeEntry[] }[];
  commits: {
    sha: string;
    message: string;
    tree: string;
    parents: string[];
  }[];
  refs: { ref: string; sha: string }[];
  pulls: {
    number: number;
    title: string;
    body?: string;
    head: string;
    base: string;
    draft?: boolean;
  }[];
  /** The Authorization header of every request. */
  authorizations: Set<string>;
}

/**
 * GitHub's REST API for one repository, as `publish:github:pull-request` uses it through
 * octokit-plugin-create-pull-request: the repository, its latest commit, then blobs, a tree, a
 * commit, a branch and the pull request, each recorded. Anything else is not served (msw then
 * fails the request), so an unexpected call shows up.
 */
export function githubDouble(options: {
  owner: string;
  repo: string;
  defaultBranch?: string;
}) {
  const { owner, repo, defaultBranch = 'main' } = options;
  const base = `${API}/repos/${owner}/${repo}`;
  const record: GithubRecord = {
    blobs: new Map(),
    trees: [],
    commits: [],
    refs: [],
    pulls: [],
    authorizations: new Set(),
  };
  let counter = 0;
  const sha = (kind: string) => `${kind}${String(++counter).padStart(4, '0')}`;
  const seen = (request: Request) => {
    record.authorizations.add(request.headers.get('authorization') ?? '');
  };

  const handlers = [
    http.get(base, ({ request }) => {
      seen(request);
      return HttpResponse.json({
        name: repo,
        full_name: `${owner}/${repo}`,
        owner: { login: owner },
        default_branch: defaultBranch,
        permissions: { admin: false, push: true, pull: true },
      });
    }),
    http.get(`${base}/commits`, ({ request }) => {
      seen(request);
      const ref = new URL(request.url).searchParams.get('sha');
      if (ref !== defaultBranch) {
        return HttpResponse.json(
          { message: 'No commit found' },
          { status: 404 },
        );
      }
      return HttpResponse.json([
        { sha: 'base-commit', commit: { tree: { sha: 'base-tree' } } },
      ]);
    }),
    http.post(`${base}/git/blobs`, async ({ request }) => {
      seen(request);
      const body = (await request.json()) as {
        content: string;
        encoding: string;
      };
      const blob = sha('blob');
      record.blobs.set(blob, {
        content: body.content,
        encoding: body.encoding,
      });
      return HttpResponse.json({ sha: blob }, { status: 201 });
    }),
    http.post(`${base}/git/trees`, async ({ request }) => {
      seen(request);
      const body = (await request.json()) as {
        base_tree?: string;
        tree: ReceivedTreeEntry[];
      };
      const tree = sha('tree');
      record.trees.push({ sha: tree, ...body });
      return HttpResponse.json({ sha: tree }, { status: 201 });
    }),
    http.post(`${base}/git/commits`, async ({ request }) => {
      seen(request);
      const body = (await request.json()) as {
        message: string;
        tree: string;
        parents: string[];
      };
      const commit = sha('commit');
      record.commits.push({
        sha: commit,
        message: body.message,
        tree: body.tree,
        parents: body.parents,
      });
      return HttpResponse.json({ sha: commit }, { status: 201 });
    }),
    // Whether the branch exists and has an open pull request: it does not.
    http.post(`${API}/graphql`, async ({ request }) => {
      seen(request);
      const body = (await request.json()) as {
        query: string;
        variables: Record<string, string>;
      };
      if (
        !body.query.includes('associatedPullRequests') ||
        body.variables.owner !== owner ||
        body.variables.repo !== repo
      ) {
        return HttpResponse.json(
          { errors: [{ message: 'not served by the double' }] },
          { status: 400 },
        );
      }
      return HttpResponse.json({ data: { repository: { ref: null } } });
    }),
    http.post(`${base}/git/refs`, async ({ request }) => {
      seen(request);
      const body = (await request.json()) as { ref: string; sha: string };
      record.refs.push({ ref: body.ref, sha: body.sha });
      return HttpResponse.json(
        { ref: body.ref, object: { sha: body.sha, type: 'commit' } },
        { status: 201 },
      );
    }),
    http.post(`${base}/pulls`, async ({ request }) => {
      seen(request);
      const body = (await request.json()) as GithubRecord['pulls'][number];
      const number = record.pulls.length + 1;
      record.pulls.push({ ...body, number });
      return HttpResponse.json(
        {
          number,
          html_url: `https://github.com/${owner}/${repo}/pull/${number}`,
          base: { ref: body.base },
          head: { ref: body.head },
        },
        { status: 201 },
      );
    }),
  ];

  /**
   * The files of the tree the pull request's commit points at, path → decoded content: blobs
   * from base64, inline content as it came.
   */
  function committedFiles(): Record<string, string> {
    const commit = record.commits.at(-1);
    const tree = record.trees.find(t => t.sha === commit?.tree);
    if (!tree) return {};
    return Object.fromEntries(
      tree.tree.map(entry => {
        if (entry.content !== undefined) return [entry.path, entry.content];
        const blob = entry.sha ? record.blobs.get(entry.sha) : undefined;
        if (!blob) throw new Error(`${entry.path}: no blob ${entry.sha}`);
        return [
          entry.path,
          Buffer.from(
            blob.content,
            blob.encoding === 'base64' ? 'base64' : 'utf8',
          ).toString('utf8'),
        ];
      }),
    );
  }

  return { handlers, record, committedFiles };
}
