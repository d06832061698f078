/**
 * Where `flotilla diff --comment` posts: provider, API base, repository and pull/merge request,
 * from flags first, then the CI environment (GitHub Actions, GitLab CI, Gitea Actions), and the
 * token from the provider's environment variable. The token is never printed or put in an error.
 */
import { UsageError } from '../api/index.ts';

/** The forges flotilla can post previews to. */
export const commentProviders = ['github', 'gitlab', 'gitea'] as const;
/** One of {@link commentProviders}. */
export type CommentProvider = (typeof commentProviders)[number];

/** A resolved place to post: everything the HTTP client needs. */
export interface CommentTarget {
  readonly provider: CommentProvider;
  /** API base without a trailing slash, e.g. `https://api.github.com`, `https://gitlab.com/api/v4`. */
  readonly apiUrl: string;
  /** `owner/name` (GitHub, Gitea) or a GitLab project id or path. */
  readonly repository: string;
  /** Pull request number (GitHub, Gitea) or merge request IID (GitLab). */
  readonly number: number;
  readonly token: string;
}

/** What the user passed on the command line. */
export interface CommentFlags {
  readonly provider: string;
  readonly apiUrl?: string | undefined;
  readonly repository?: string | undefined;
  readonly pr?: string | undefined;
}

/** Reads the CI event file (GITHUB_EVENT_PATH); passed in so this module does no I/O of its own. */
export type ReadText = (file: string) => Promise<string>;

const tokenVariables: Readonly<Record<CommentProvider, string>> = {
  github: 'GITHUB_TOKEN',
  gitlab: 'GITLAB_TOKEN',
  gitea: 'GITEA_TOKEN',
};

/** Validates `--comment`. */
export function toCommentProvider(v: string): CommentProvider {
  const p = commentProviders.find((x) => x === v);
  if (!p) throw new UsageError(`--comment must be one of: ${commentProviders.join(', ')} (got "${v}")`);
  return p;
}

/** Resolves the target of a sticky comment, or fails with a usage error naming what is missing. */
export async function resolveCommentTarget(
  flags: CommentFlags,
  env: Readonly<Record<string, string | undefined>>,
  readText: ReadText,
): Promise<CommentTarget> {
  const provider = toCommentProvider(flags.provider);
  const tokenVar = tokenVariables[provider];
  const token = env[tokenVar];
  if (!token) throw new UsageError(`--comment ${provider} needs a token in the ${tokenVar} environment variable`);
  const apiUrl = (flags.apiUrl ?? apiUrlFromEnv(provider, env)).replace(/\/+$/, '');
  if (!/^https?:\/\//.test(apiUrl)) throw new UsageError(`--api-url must be an http(s) URL (got "${apiUrl}")`);
  const repository = flags.repository ?? repositoryFromEnv(provider, env);
  if (!repository)
    throw new UsageError(
      `--comment ${provider} needs --repository ${provider === 'gitlab' ? 'PROJECT (or CI_PROJECT_ID)' : 'OWNER/NAME (or GITHUB_REPOSITORY)'}`,
    );
  if (provider !== 'gitlab' && !/^[^/\s]+\/[^/\s]+$/.test(repository))
    throw new UsageError(`--repository must be OWNER/NAME (got "${repository}")`);
  const raw = flags.pr ?? (await numberFromEnv(provider, env, readText));
  if (raw === undefined)
    throw new UsageError(
      `--comment ${provider} needs --pr N (or ${provider === 'gitlab' ? 'CI_MERGE_REQUEST_IID' : 'a pull_request event in GITHUB_EVENT_PATH'})`,
    );
  const number = Number(raw);
  if (!Number.isInteger(number) || number <= 0) throw new UsageError(`--pr must be a positive integer (got "${raw}")`);
  return { provider, apiUrl, repository, number, token };
}

function apiUrlFromEnv(provider: CommentProvider, env: Readonly<Record<string, string | undefined>>): string {
  switch (provider) {
    case 'github':
      return env['GITHUB_API_URL'] ?? 'https://api.github.com';
    case 'gitlab':
      return env['GITLAB_API_URL'] ?? env['CI_API_V4_URL'] ?? 'https://gitlab.com/api/v4';
    // Gitea Actions sets the GITHUB_* variables too, with GITHUB_API_URL pointing at Gitea's /api/v1.
    case 'gitea': {
      const url = env['GITEA_API_URL'] ?? (env['GITEA_ACTIONS'] ? env['GITHUB_API_URL'] : undefined);
      if (!url)
        throw new UsageError(
          '--comment gitea needs --api-url URL (or GITEA_API_URL), e.g. https://gitea.example.com/api/v1',
        );
      return url;
    }
  }
}

function repositoryFromEnv(
  provider: CommentProvider,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  return provider === 'gitlab' ? env['CI_PROJECT_ID'] : env['GITHUB_REPOSITORY'];
}

async function numberFromEnv(
  provider: CommentProvider,
  env: Readonly<Record<string, string | undefined>>,
  readText: ReadText,
): Promise<string | undefined> {
  if (provider === 'gitlab') return env['CI_MERGE_REQUEST_IID'];
  const file = env['GITHUB_EVENT_PATH'];
  if (!file) return undefined;
  let event: unknown;
  try {
    event = JSON.parse(await readText(file));
  } catch (err) {
    throw new UsageError(
      `cannot read the pull request number from GITHUB_EVENT_PATH (${file}): ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return prNumberOf(event);
}

/** The PR number of a GitHub/Gitea event payload: pull_request.number, else issue.number (issue_comment), else number. */
export function prNumberOf(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const e = event as Record<string, unknown>;
  for (const holder of [e['pull_request'], e['issue'], e]) {
    if (typeof holder === 'object' && holder !== null) {
      const n = (holder as Record<string, unknown>)['number'];
      if (typeof n === 'number' || typeof n === 'string') return String(n);
    }
  }
  return undefined;
}
