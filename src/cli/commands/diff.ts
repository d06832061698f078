/**
 * `flotilla diff`: what a change between two revisions does to the fleet, for pull-request
 * reviews. Gather (both trees, the previous placement), decide (plan base, plan head reusing the
 * base where the change cannot reach, diff), then act (print, optionally post the sticky comment).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../../api/index.ts';
import {
  createTreeReader,
  defaultCacheRoot,
  findGitDir,
  GitRefUnreadable,
  localStore,
  openLocal,
  remoteStore,
  resolveCommit,
  resolveCredentials,
  tryResolve,
  type BranchStore,
} from '../../git/index.ts';
import type { Snapshot } from '../../load/index.ts';
import {
  loadSnapshot,
  planFleet,
  planHeadReusingBase,
  planInputOf,
  withRolloutChecks,
  type PreviousInput,
} from '../../plan/index.ts';
import {
  diffPlans,
  formatMarkdown,
  formatTable,
  previewMarker,
  summaryLine,
  wavesOfChange,
  type PlanDiff,
} from '../../preview/index.ts';
import { wavePlans } from '../../rollout/index.ts';
import { compareResilience } from '../../simulate/index.ts';
import { readRevision } from '../../source/index.ts';
import { createStatusReader } from '../../writeback/index.ts';
import { commentProviders, resolveCommentTarget } from '../comment-target.ts';
import { defineCommand } from '../command.ts';
import { flag } from '../flags.ts';
import { strictFlag } from '../shared-flags.ts';
import { exitError, exitInvalid, exitOk, type IO } from '../io.ts';
import { loadFleetConcurrently } from '../load-worker.ts';
import { toJsonText } from '../output.ts';
import { postStickyComment } from '../post-comment.ts';
import { readPreviousFile } from '../previous-file.ts';

const diffFormats = ['markdown', 'json', 'table'] as const;

/** `flotilla diff`: the preview of a change between two revisions (exit 0 same, 1 different, 2 error). */
export const diffCommand = defineCommand({
  name: 'diff',
  summary: 'Preview what a change does to the fleet: replicas moved, clusters touched, manifest diffs',
  maxPositionals: 0,
  flags: {
    base: flag.string('REF', 'the revision the change starts from: a branch, tag, SHA, HEAD~1, main^, origin/main'),
    head: flag.string('REF', 'the changed revision', { default: 'HEAD' }),
    repo: flag.string('DIR|URL', 'fleet repo: a local git repository, or an http(s) URL', { default: '.' }),
    format: flag.oneOf(diffFormats, 'output format (default: markdown)', {
      metavar: 'FORMAT',
      short: 'o',
      aliases: ['output'],
    }),
    previous: flag.string('FILE', "previous placement (a plan's JSON or a list of bindings)"),
    'no-headers': flag.boolean('table format without header lines', { aliases: ['no-header'] }),
    ...strictFlag,
    resilience: flag.boolean(
      'add a Resilience section: every single-region failure (and every single-cluster one when the fleet has at most 20 clusters) simulated on base and head (as \'flotilla simulate\'), and the workloads whose fate differs ("after this change, X has no fallback if region=R fails")',
    ),
    comment: flag.oneOf(
      commentProviders,
      'also post the Markdown as ONE sticky comment on the pull/merge request (found again by its hidden marker and updated); token from GITHUB_TOKEN | GITLAB_TOKEN | GITEA_TOKEN',
      { metavar: 'PROVIDER' },
    ),
    pr: flag.string(
      'N',
      'pull request number / merge request IID (default: from GITHUB_EVENT_PATH, CI_MERGE_REQUEST_IID)',
    ),
    repository: flag.string('R', 'OWNER/NAME, or a GitLab project id (default: GITHUB_REPOSITORY, CI_PROJECT_ID)'),
    'api-url': flag.string(
      'URL',
      'API base (default: GITHUB_API_URL or https://api.github.com; GITLAB_API_URL, CI_API_V4_URL or https://gitlab.com/api/v4; GITEA_API_URL)',
    ),
  },
  about: `Preview what a change does to the fleet, as a pull-request review needs it.

Usage: flotilla diff --base REF [--head REF] [--repo DIR|URL] [--format markdown|json|table]
                     [--previous FILE] [--resilience] [--comment github|gitlab|gitea [--pr N] [--repository R] [--api-url URL]]

Plans both revisions of the fleet repo with the same cluster inventory of each revision and the
same previous placement, then reports: per resource, its placement before → after
("eu-1: 3 → 5, us-1: 2 → 0 (removed), ap-1: new 2"), policy changes, bindings that become
unschedulable (with Karmada's reason), bindings added and removed; per cluster, the objects
added, removed and changed with a unified diff of the rendered manifests; the head's
validation errors and warnings (an unknown cluster name, a missing dependency) with file and line;
and a summary line: N resources re-placed, N replicas moved, N clusters touched.

The previous placement is the status branch's bindings/ (the base's settings' statusBranch, default
flotilla-status, local or origin/) when the repo has one; --previous FILE replaces it.
--repo URL fetches the repository into flotilla's cache (FLOTILLA_GIT_TOKEN for private ones);
REF may then be a branch of the remote. Writes nothing, except the comment with --comment.
`,
  footer: `Output: Markdown is capped at 60,000 characters (GitHub's comment limit is 65,536) and says
when it is truncated; JSON is complete and stable (schema flotilla.io/preview/v1,
docs/pr-preview.md). Progress goes to stderr.

Exit status:
  0  no difference
  1  differences; with --strict, also a head with warnings
  2  the head revision is invalid (its errors are still printed, and posted with --comment, so
     the pull-request check fails and the comment says why); usage error, an unreadable ref or
     repository, or posting the comment failed

Examples:
  # What does my branch do to the fleet, compared with main?
  flotilla diff --base origin/main --head HEAD --format table

  # The last commit's change as a CI gate: differences, or any warning in the head, exit 1
  flotilla diff --base HEAD~1 --strict --format table

  # The Markdown a pull request comment shows
  flotilla diff --base main --head feature/eu-weights > preview.md

  # In GitHub Actions: post or update the sticky preview comment on the pull request
  flotilla diff --base "origin/$GITHUB_BASE_REF" --head HEAD --comment github

  # Does this change remove the last fallback of a workload in some region failure?
  flotilla diff --base origin/main --head HEAD --resilience

  # JSON for tools: the replica moves only
  flotilla diff --base main --head topic --format json | jq '.moves'
`,
  async run(values, _positionals, io) {
    const base = values.base;
    if (!base) throw new UsageError('--base REF is required');
    const format = values.format ?? 'markdown';
    const provider = values.comment;
    const { diff, headWarnings } = await previewRevisions(
      { repo: values.repo, base, head: values.head, previous: values.previous, resilience: values.resilience },
      io,
    );
    io.stdout(
      format === 'json'
        ? toJsonText(diff)
        : format === 'table'
          ? formatTable(diff, values['no-headers']) + resilienceLines(diff)
          : formatMarkdown(diff),
    );
    io.stderr(`flotilla diff: ${summaryLine(diff.summary)}\n`);
    if (provider !== undefined) {
      const target = await resolveCommentTarget(
        { provider, apiUrl: values['api-url'], repository: values.repository, pr: values.pr },
        io.env,
        (f) => readFile(f, 'utf8'),
      );
      const outcome = await postStickyComment(target, formatMarkdown(diff), previewMarker);
      io.stderr(
        `flotilla diff: ${outcome.kind} the preview comment on ${target.repository}#${target.number} (${target.provider})\n`,
      );
    }
    // An invalid head fails the pull-request check (exit 2), after its errors were printed and posted.
    if (diff.head.errors.length) return exitError;
    if (values.strict && headWarnings > 0) {
      io.stderr(`flotilla diff: --strict: the head has ${headWarnings} warning(s)\n`);
      return exitInvalid;
    }
    return diff.changed ? exitInvalid : exitOk;
  },
});

interface PreviewRequest {
  readonly repo: string;
  readonly base: string;
  readonly head: string;
  readonly previous: string | undefined;
  /** Compare single-failure scenarios on base and head (src/simulate). */
  readonly resilience?: boolean;
}

/** Gathers both revisions and the previous placement, plans, and diffs. */
export async function previewRevisions(req: PreviewRequest, io: IO): Promise<{ diff: PlanDiff; headWarnings: number }> {
  const { store, dir } = await openRepo(req.repo, io);
  const [baseCommit, headCommit] = [await resolveRef(store, dir, req.base), await resolveRef(store, dir, req.head)];
  const reader = createTreeReader(store.repo);
  const baseSnapshot = await readRevision({ kind: 'commit', reader, commit: baseCommit });
  const headSnapshot = await readRevision({ kind: 'commit', reader, commit: headCommit });
  // The head's YAML is parsed on a worker while this thread loads and plans the base.
  const headPending = sameFiles(baseSnapshot, headSnapshot) ? undefined : settle(loadFleetConcurrently(headSnapshot));
  const baseLoad = loadSnapshot(baseSnapshot);
  const previous = req.previous
    ? await readPreviousFile(path.resolve(io.cwd, req.previous))
    : await statusPrevious(store, baseLoad.fleet.settings.statusBranch, io);
  const baseInput = planInputOf(baseLoad, { previous });
  const basePlan = planFleet(baseInput);
  const headLoad = headPending !== undefined ? withRolloutChecks(unwrap(await headPending)) : baseLoad;
  const head = planHeadReusingBase(
    { input: baseInput, plan: basePlan },
    {
      fleet: headLoad.fleet,
      diagnostics: [...headLoad.diagnostics, ...(previous.diagnostics ?? [])],
      revision: headSnapshot.revision,
      previous: previous.placement,
      applied: previous.applied,
      ...(previous.records ? { records: previous.records } : {}),
      ...(previous.rebalanced ? { rebalanced: previous.rebalanced } : {}),
    },
  );
  io.stderr(
    head.reuse.kind === 'partial'
      ? `flotilla diff: re-planned ${head.reuse.replanned} templates of the head, reused ${head.reuse.reused} bindings of the base\n`
      : `flotilla diff: planned the head in full: ${head.reuse.reason}\n`,
  );
  const diffed = diffPlans({ ref: req.base, plan: basePlan }, { ref: req.head, plan: head.plan });
  const waves = head.plan.errors.length ? [] : wavesOfChange(wavePlans(headLoad.fleet, head.plan.works), diffed);
  const diff = waves.length ? { ...diffed, waves } : diffed;
  const headWarnings = head.plan.warnings.length;
  if (!req.resilience || basePlan.errors.length || head.plan.errors.length) return { diff, headWarnings };
  const inventory = (f: typeof baseLoad.fleet) => f.clusters.map((c) => c.object);
  return {
    diff: {
      ...diff,
      resilience: compareResilience(
        { clusters: inventory(baseLoad.fleet), bindings: basePlan.bindings },
        { clusters: inventory(headLoad.fleet), bindings: head.plan.bindings },
      ),
    },
    headWarnings,
  };
}

/** The resilience changes as plain lines under the table form. */
function resilienceLines(diff: PlanDiff): string {
  if (!diff.resilience) return '';
  const r = diff.resilience;
  return `\nResilience (${r.scenarios.length} scenarios): ${r.changes.length ? '' : 'no change'}\n${r.changes.map((c) => `  ${c.kind === 'worse' ? 'worse ' : 'better'}  ${c.message}\n`).join('')}`;
}

/** Whether two snapshots hold the same manifest files, byte for byte (equal blobs share their bytes). */
function sameFiles(a: Snapshot, b: Snapshot): boolean {
  return (
    a.files.length === b.files.length &&
    a.problems.length === 0 &&
    b.problems.length === 0 &&
    a.files.every((f, i) => {
      const g = b.files[i];
      return g !== undefined && f.path === g.path && (f.bytes === g.bytes || Buffer.compare(f.bytes, g.bytes) === 0);
    })
  );
}

type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/** Holds a promise's outcome, so a failure while the main thread is busy is not an unhandled rejection. */
function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  return p.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

function unwrap<T>(s: Settled<T>): T {
  if (s.ok) return s.value;
  throw s.error;
}

/** A local repository (its .git, or a bare one) or the fetched cache of a remote URL. */
async function openRepo(repo: string, io: IO): Promise<{ store: BranchStore; dir: string }> {
  if (/^https?:\/\//.test(repo)) {
    const store = await remoteStore(
      { url: repo, credentials: await resolveCredentials(io.env, undefined) },
      defaultCacheRoot(io.env),
    );
    await store.refresh();
    return { store, dir: store.repo.gitdir };
  }
  if (/^(ssh:\/\/|git@)/.test(repo))
    throw new UsageError(`--repo ${repo}: only http(s) remotes are supported; clone it and pass the directory`);
  const dir = path.resolve(io.cwd, repo);
  const gitdir = await findGitDir(dir);
  if (!gitdir)
    throw new GitRefUnreadable(`${dir} is not a git repository (flotilla diff compares commits)`, { dir, ref: '' });
  return { store: localStore(openLocal(gitdir), dir), dir };
}

/** The commit of `ref` (HEAD~1, main^, short SHAs: git/rev-parse.ts); in a remote's cache a branch name is looked up under origin/ as well. */
async function resolveRef(store: BranchStore, dir: string, ref: string): Promise<string> {
  try {
    return await resolveCommit(dir, ref, store.repo.gitdir);
  } catch (err) {
    // A remote's cache has origin/<branch> only; `main~1` there is origin/main~1. Not found there either: the first error says why.
    return resolveCommit(dir, `refs/remotes/origin/${ref}`, store.repo.gitdir).catch(() => {
      throw err;
    });
  }
}

/** The placement recorded on the status branch (local branch first, then origin/), or none. */
async function statusPrevious(store: BranchStore, branch: string, io: IO): Promise<PreviousInput> {
  const tip =
    (await tryResolve(store.repo, `refs/heads/${branch}`)) ??
    (await tryResolve(store.repo, `refs/remotes/origin/${branch}`));
  if (!tip) return { placement: new Map(), applied: new Map(), records: new Map(), diagnostics: [] };
  const { placement, applied, records, rebalancers } = await createStatusReader(store).previous(tip);
  io.stderr(`flotilla diff: previous placement from ${branch} (${tip.slice(0, 7)}): ${placement.size} bindings\n`);
  return { placement, applied, records, rebalanced: rebalancers, diagnostics: [] };
}
