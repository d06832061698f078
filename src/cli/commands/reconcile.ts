/** `flotilla reconcile`: follow a fleet repo branch, plan each revision, write the rendered and status branches. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatDiagnostic, UsageError } from '../../api/index.ts';
import { followDirectory, reconcileDirectory } from '../../controller/reconcile-directory.ts';
import { follow } from '../../controller/reconcile-follow.ts';
import {
  describeError,
  reconcileOnce,
  type ReconcileContext,
  type ReconcileOutcome,
} from '../../controller/reconcile.ts';
import {
  armKillPoint,
  defaultCacheRoot,
  defaultIdentity,
  defaultStaleLockMs,
  localStore,
  openLocal,
  findGitDir,
  remoteStore,
  resolveCredentials,
  type BranchStore,
  type Identity,
  type LockPolicy,
} from '../../git/index.ts';
import { assertSchedule, isRemoteUrl, openSource } from '../../source/index.ts';
import { createStatusReader, statusFileLogFields } from '../../writeback/index.ts';
import { defineCommand } from '../command.ts';
import { flag } from '../flags.ts';
import { exitError, exitInvalid, exitOk, type ExitCode, type IO } from '../io.ts';
import { createLog, logFlags } from '../logger.ts';
import { toJsonText, toYamlText } from '../output.ts';
import { memberAccessFlags } from '../shared-flags.ts';
import { planTable } from './plan.ts';
import { runPass, type PassOutcome } from '../../controller/fleet-pass.ts';
import {
  evictionSettings,
  failoverFlags,
  healthSettings,
  memberAccess,
  pruneGuardFlags,
  pruneGuardFrom,
} from '../controller-options.ts';

/** `flotilla reconcile`: the command definition (K1). */
export const reconcileCommand = defineCommand({
  name: 'reconcile',
  summary: 'Follow a fleet repo branch; write the rendered and status branches',
  maxPositionals: 0,
  flags: {
    repo: flag.string('URL|DIR', 'fleet repo', { default: '.' }),
    branch: flag.string('NAME', 'source branch to follow'),
    once: flag.boolean('reconcile once and exit (for scripts and CI)'),
    'status-branch': flag.string('NAME', 'status branch (default: flotilla.yaml statusBranch, flotilla-status)'),
    'rendered-branch': flag.string(
      'NAME',
      'rendered branch (default: flotilla.yaml renderedBranch, flotilla-rendered)',
    ),
    'rendered-cluster-branches': flag.boolean(
      "also publish each cluster's rendered folder alone on branch <rendered branch>-<cluster> (default: flotilla.yaml renderedClusterBranches)",
    ),
    'status-repo': flag.string('URL|DIR', 'write the status and rendered branches to this repository instead'),
    'cache-dir': flag.string('DIR', 'bare repository cache (default: ~/.cache/flotilla/repos)'),
    'git-credentials-file': flag.string(
      'FILE',
      'credentials file for the remote(s): lines username=, password= or token=',
    ),
    'poll-schedule': flag.string('CRON', 'poll schedule (default: flotilla.yaml pollSchedule, every minute)'),
    'webhook-listen': flag.string(
      'HOST:PORT',
      'serve POST /webhook for GitHub, Gitea and GitLab push events; the secret comes from FLOTILLA_WEBHOOK_SECRET or --webhook-secret-file',
    ),
    'webhook-secret-file': flag.string('FILE', 'secret of POST /webhook'),
    author: flag.string(
      '"N <E>"',
      "author and committer of flotilla's commits (default: flotilla <flotilla@localhost>)",
    ),
    out: flag.string('DIR', 'also write the rendered tree to DIR (not guarded, see above)'),
    output: flag.oneOf(['json', 'yaml', 'table'], '--once result format', {
      short: 'o',
      default: 'table',
      metavar: 'FORMAT',
    }),
    ...memberAccessFlags('30s'),
    prune: flag.boolean('with --kubeconfig: delete what flotilla owns and no longer plans', { default: true }),
    'force-conflicts': flag.boolean('with --kubeconfig: take over fields another field manager owns'),
    ...pruneGuardFlags,
    ...failoverFlags,
    ...logFlags('text'),
  },
  about: `Follow a fleet repo branch: plan every new revision, commit the rendered tree to the
rendered branch and the decision to the status branch.

Usage: flotilla reconcile --repo URL|DIR [--once] [options]

Reads the branch (default: the remote's HEAD branch, or the checked-out branch of DIR), plans
its tip with the previous placement from the status branch, then commits (never force-pushing;
a rejected push is re-applied on the new tip):
  rendered branch (default flotilla-rendered)  clusters/<cluster>/<ns|_cluster>/<kind>-<name>.yaml
                                               and a kustomization.yaml per cluster
  status branch   (default flotilla-status)    bindings/…, revision.yaml
With --rendered-cluster-branches (or renderedClusterBranches: true in flotilla.yaml), each
cluster's folder is also published alone on branch <rendered branch>-<cluster>, committed only
when that folder changed, all in one push: one cluster's Argo CD or Flux fetches its own files.
Branch names come from the revision's flotilla.yaml unless given here. An unchanged revision
(the tip equals the status branch's last attempted revision) costs one ls-remote. An invalid
revision is recorded on the status branch with its errors (file:line) and never moves the
rendered branch: the last good revision stays in force.
RolloutStrategies are staged from the records on the status branch (docs/rollouts.md): a change
reaches the rendered branch for the clusters of the started waves only, the others keep the last
fully rolled-out manifests. Without --kubeconfig nothing is observed, so a rollout never gets
past its first wave here (it pauses at the progress deadline); it advances only where members are
observed: flotilla controller, or --once with --kubeconfig.

The rendered branch has the mass-prune guard of \`flotilla apply\`: a revision that would delete
every object file of a cluster's folder (objects it places on another cluster moved, and
Namespace files, do not count) leaves that folder as it was, so Argo CD and Flux prune nothing
there, and logs an error (reason PruneGuard); the folder stays so until a person confirms with
\`flotilla reconcile --once --allow-mass-prune\` (it re-renders a revision already recorded;
add --kubeconfig for a fleet a controller applies); --max-prune-share makes the guard stricter.

--repo URL is fetched over smart HTTP(S) into a bare cache; credentials come from
FLOTILLA_GIT_USERNAME + FLOTILLA_GIT_PASSWORD, or FLOTILLA_GIT_TOKEN, or --git-credentials-file
(lines username=, password= or token=), never from the command line. --repo DIR of a git
repository writes the branches into that repository. --repo DIR of a plain directory (not a git
repository) has no branch to write to: its working tree is planned and reported, and the
rendered tree is written to --out DIR when given; without --once the directory is watched.

--kubeconfig FILE with --once also applies the revision to the members (contexts named after the
clusters) with server-side apply, prunes what flotilla owns and no longer plans, probes cluster
health, and records it all on the status branch: one pass of \`flotilla controller\`, which also
takes --context-map, --hub-context, --timeout, --prune, --force-conflicts and the failover flags.`,
  footer: `Exit status:
  0  (--once) the revision is valid and recorded, or was already (and, with --kubeconfig, applied
     to every member)
  1  (--once) the revision is invalid; its errors are on the status branch (with --kubeconfig:
     or a member could not be applied)
  2  usage error, or the repo could not be fetched or written

Examples:
  # Reconcile a local clone once, writing flotilla-rendered and flotilla-status into it
  flotilla reconcile --repo ./fleet --once

  # Follow a remote, polling every 30 s and reacting to GitHub push webhooks
  FLOTILLA_GIT_TOKEN=… FLOTILLA_WEBHOOK_SECRET=… flotilla reconcile \\
    --repo https://github.com/acme/fleet.git --poll-schedule '*/30 * * * * *' --webhook-listen 0.0.0.0:8080

  # One pass that also applies to the members of a kubeconfig and records their health
  flotilla reconcile --repo ./fleet --once --kubeconfig ~/.kube/fleet.yaml -o json

  # Plan a plain directory and write the rendered tree for Argo CD
  flotilla reconcile --repo examples/fleet-repo --once --out /tmp/rendered
`,
  async run(values, _positionals, io) {
    const output = values.output;
    const repo = values.repo;
    const once = values.once;
    const outDir = resolveOut(values.out, io);
    const schedule = values['poll-schedule'];
    if (schedule) assertSchedule(schedule);
    const identity = parseAuthor(values.author);
    const credentials = await resolveCredentials(io.env, resolveOut(values['git-credentials-file'], io));
    const cacheRoot = resolveOut(values['cache-dir'], io) ?? defaultCacheRoot(io.env);
    armKillPoint(io.env['FLOTILLA_TEST_KILL_AT']);
    const { log } = createLog({
      level: values['log-level'],
      format: values['log-format'],
      base: { component: 'flotilla-reconcile' },
      write: io.stderr,
    });
    const locks = gitLockPolicy((f) => log({ level: 'warn', ...f }));
    const source = await openSource({ repo, cwd: io.cwd, branch: values.branch, cacheRoot, credentials, locks });
    if (source.kind === 'directory') return runDirectory(source.dir, outDir, once, output, io, log);
    const statusRepo = values['status-repo'];
    const target = statusRepo ? await openTarget(statusRepo, io, cacheRoot, credentials, locks) : source.store;
    const ctx: ReconcileContext = {
      source,
      target,
      identity,
      now: () => new Date(),
      log,
      branches: {
        status: values['status-branch'],
        rendered: values['rendered-branch'],
        renderedPerCluster: values['rendered-cluster-branches'],
      },
      statusReader: createStatusReader(target, { onProblem: (p) => log({ level: 'warn', ...statusFileLogFields(p) }) }),
      outDir,
      pruneGuard: pruneGuardFrom(values),
    };
    if (values.kubeconfig !== undefined) {
      if (!once)
        throw new UsageError(
          '--kubeconfig applies with --once only; to follow a branch and apply every revision, run `flotilla controller`',
        );
      const access = memberAccess(values, io);
      const pass = await runPass({
        ...ctx,
        members: {
          credentials: access.credentials,
          ...access.limits,
          prune: values.prune,
          forceConflicts: values['force-conflicts'],
          pruneGuard: pruneGuardFrom(values),
        },
        health: healthSettings(values),
        eviction: evictionSettings(values),
      });
      return reportPass(pass, output, io);
    }
    if (once) return reportOnce(await reconcileOnce(ctx), output, io);
    const webhookListen = values['webhook-listen'];
    const webhook = webhookListen
      ? { listen: webhookListen, secret: await webhookSecret(values['webhook-secret-file'], io) }
      : undefined;
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      await follow(ctx, {
        pollSchedule: schedule,
        webhook,
        watch: !isRemoteUrl(repo),
        signal: controller.signal,
        onReady: (r) =>
          log({
            msg: 'following',
            repo: source.store.location,
            branch: source.branch,
            poll: r.pollSchedule,
            webhook: r.webhook,
          }),
      });
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    return exitOk;
  },
});

async function runDirectory(
  dir: string,
  outDir: string | undefined,
  once: boolean,
  output: string,
  io: IO,
  log: (fields: Readonly<Record<string, unknown>>) => void,
): Promise<ExitCode> {
  io.stderr(
    `${dir} is not a git repository: there is no branch to write status or a rendered tree to; planning its working tree${outDir ? ` and writing the rendered tree to ${outDir}` : ' (use --out DIR to write the rendered tree, or run `git init` and commit to get the branches)'}\n`,
  );
  if (once) {
    const { plan, written } = await reconcileDirectory(dir, outDir);
    if (output === 'table') {
      io.stdout(planTable(plan, false));
      for (const d of [...plan.errors, ...plan.warnings]) io.stderr(`${formatDiagnostic(d)}\n`);
    } else {
      const result = {
        revision: plan.revision,
        valid: plan.errors.length === 0,
        bindings: plan.bindings.length,
        works: plan.works.length,
        out: outDir ?? null,
        written: written?.written ?? 0,
        removed: written?.removed ?? 0,
        errors: plan.errors.map((d) => ({ file: d.file, line: d.line, message: d.message })),
      };
      io.stdout(output === 'json' ? toJsonText(result) : toYamlText(result));
    }
    return plan.errors.length ? exitInvalid : exitOk;
  }
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await followDirectory(dir, outDir, controller.signal, (o) => {
    if ('error' in o) log({ level: 'error', msg: 'plan failed', error: describeError(o.error) });
    else
      log({
        level: o.plan.errors.length ? 'warn' : 'info',
        msg: 'working tree planned',
        valid: o.plan.errors.length === 0,
        bindings: o.plan.bindings.length,
        works: o.plan.works.length,
        errors: o.plan.errors.length,
      });
  });
  return exitOk;
}

/** The result of one applying pass: 0 valid and every member applied, 1 invalid or a member failed, 2 the pass failed. */
function reportPass(o: PassOutcome, output: string, io: IO): ExitCode {
  if (o.kind === 'failed') {
    io.stderr(`error: reconcile failed at step ${o.step}: ${describeError(o.error)}\n`);
    return exitError;
  }
  const clusters = (o.applied?.clusters ?? []).map((c) => ({
    cluster: c.cluster,
    ok: c.ok,
    reason: c.reason,
    message: c.message,
    objects: c.objects.length,
    pruned: c.pruned.length,
  }));
  const unreachable = o.readiness.filter((r) => !clusters.some((c) => c.cluster === r.cluster)).map((r) => r.cluster);
  const result = {
    outcome: o.valid ? 'applied' : 'invalid',
    revision: o.revision,
    inForce: o.inForce,
    bindings: o.bindings,
    works: o.works,
    statusCommit: o.status.kind === 'committed' ? o.status.commit : null,
    clusters,
    unreachable,
    decisions: o.decisions.map((d) => `${d.kind} ${d.cluster}`),
    removed: o.removed ?? [],
  };
  if (output === 'json') io.stdout(toJsonText(result));
  else if (output === 'yaml') io.stdout(toYamlText(result));
  else {
    io.stdout(
      `${result.outcome} ${o.revision}: ${o.bindings} bindings, ${o.works} works${o.inForce && o.inForce !== o.revision ? ` (in force: ${o.inForce})` : ''}\n`,
    );
    for (const c of clusters)
      io.stdout(
        `  ${c.cluster}: ${c.ok ? 'applied' : c.reason} (${c.objects} objects, ${c.pruned} pruned)${c.ok ? '' : `: ${c.message}`}\n`,
      );
    for (const c of unreachable) io.stdout(`  ${c}: unreachable (not applied, nothing pruned)\n`);
    for (const d of result.decisions) io.stdout(`  decision: ${d}\n`);
    for (const c of result.removed)
      io.stdout(`  ${c}: removed from the fleet repo (its objects are kept, not managed)\n`);
  }
  for (const c of clusters) if (!c.ok) io.stderr(`error: cluster ${c.cluster}: ${c.reason}: ${c.message}\n`);
  return o.valid && unreachable.length === 0 && clusters.every((c) => c.ok) ? exitOk : exitInvalid;
}

function reportOnce(o: ReconcileOutcome, output: string, io: IO): ExitCode {
  if (o.kind === 'failed') {
    io.stderr(
      `error: reconcile failed at step ${o.step} (${o.reason}${o.transient ? ', transient: retry later' : ''}): ${describeError(o.error)}\n`,
    );
    return exitError;
  }
  const invalid = o.kind === 'invalid' || (o.kind === 'unchanged' && o.lastApplied !== o.revision);
  const result = {
    outcome: o.kind,
    revision: o.revision,
    ...(o.kind === 'applied'
      ? { bindings: o.bindings, works: o.works, renderedCommit: o.rendered ?? null, statusCommit: o.status ?? null }
      : {}),
    ...(o.kind === 'invalid' ? { statusCommit: o.status ?? null, lastApplied: o.lastApplied, errors: o.errors } : {}),
    ...(o.kind === 'unchanged' ? { lastApplied: o.lastApplied } : {}),
  };
  if (output === 'json') io.stdout(toJsonText(result));
  else if (output === 'yaml') io.stdout(toYamlText(result));
  else {
    io.stdout(
      `${o.kind} ${o.revision}${o.kind === 'applied' ? `: ${o.bindings} bindings, ${o.works} works` : ''}${invalid ? ' (invalid: the last good revision stays in force)' : ''}\n`,
    );
    if (o.kind === 'invalid')
      for (const e of o.errors)
        io.stderr(
          `${e.file}:${e.line}${e.column !== undefined ? `:${e.column}` : ''}: error ${e.code}: ${e.message}\n`,
        );
  }
  return invalid ? exitInvalid : exitOk;
}

/** The repository the status and rendered branches are written to (`--status-repo`). */
export async function openTarget(
  repo: string,
  io: IO,
  cacheRoot: string,
  credentials: Awaited<ReturnType<typeof resolveCredentials>>,
  locks: LockPolicy,
): Promise<BranchStore> {
  if (isRemoteUrl(repo)) return remoteStore({ url: repo, credentials }, cacheRoot);
  const dir = path.resolve(io.cwd, repo);
  const gitdir = await findGitDir(dir);
  if (!gitdir) throw new UsageError(`--status-repo ${repo} is neither a URL nor a git repository`);
  return localStore(openLocal(gitdir), dir, locks);
}

/** Ref locks of a local repository: a lock left by a dead writer is removed, with a warning naming it. */
export function gitLockPolicy(warn: (fields: Readonly<Record<string, unknown>>) => void): LockPolicy {
  return {
    staleAfterMs: defaultStaleLockMs,
    onReclaim: (r) =>
      warn({
        msg: 'removed a stale git ref lock left by a writer that is gone',
        lock: r.lock,
        reason: r.reason,
        ownerPid: r.owner?.pid,
        ownerHost: r.owner?.host,
        ageMs: Math.round(r.ageMs),
      }),
  };
}

/** Parses `--author "Name <email>"`. */
export function parseAuthor(v: string | undefined): Identity {
  if (v === undefined) return defaultIdentity;
  const m = /^\s*(.+?)\s*<([^<>\s]+)>\s*$/.exec(v);
  if (!m?.[1] || !m[2]) throw new UsageError(`--author must look like "Name <email>" (got "${v}")`);
  return { name: m[1], email: m[2] };
}

async function webhookSecret(file: string | undefined, io: IO): Promise<string> {
  const secret = file
    ? (
        await readFile(path.resolve(io.cwd, file), 'utf8').catch(() => {
          throw new UsageError(`cannot read --webhook-secret-file ${file}`);
        })
      ).trim()
    : io.env['FLOTILLA_WEBHOOK_SECRET'];
  if (!secret)
    throw new UsageError('--webhook-listen needs a secret: set FLOTILLA_WEBHOOK_SECRET or pass --webhook-secret-file');
  return secret;
}

function resolveOut(v: string | undefined, io: IO): string | undefined {
  return v === undefined ? undefined : path.resolve(io.cwd, v);
}
