/**
 * `flotilla rebalance`: writes a Karmada WorkloadRebalancer naming workloads into the fleet repo,
 * or commits it on a new local branch for the operator to push and review (the pull-request
 * preview shows the replicas it moves). The controller then schedules each workload once from
 * scratch (src/rebalance) and records the outcome on the status branch.
 */
import { mkdir, writeFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { UsageError } from '../../api/index.ts';
import { isIncludedPath } from '../../load/index.ts';
import { commitOnNewBranch, defaultIdentity, findGitDir, openLocal, tryResolve } from '../../git/index.ts';
import { rebalancerManifest, rebalancerPath, resolveWorkloads } from '../../rebalance/index.ts';
import { defineCommand } from '../command.ts';
import { flag } from '../flags.ts';
import { exitOk } from '../io.ts';
import { loadRevision } from '../load-revision.ts';
import { toJsonText, toYamlText, yamlOptions } from '../output.ts';
import { integerAtLeast } from '../shared-flags.ts';

const rebalanceFlags = {
  repo: flag.string('DIR', 'fleet repo', { default: '.' }),
  name: flag.string('NAME', "the rebalancer's name (default: rebalance-<UTC time>)"),
  'ttl-seconds-after-finished': flag.parsed(
    'N',
    integerAtLeast(0),
    "Karmada's TTL; flotilla reports the rebalancer expired then",
  ),
  branch: flag.string('NAME', 'commit on this new branch instead of writing the file'),
  output: flag.oneOf(['json', 'yaml', 'table'], 'summary format', { short: 'o', default: 'table', metavar: 'FORMAT' }),
};

/** `flotilla rebalance`: the command definition (K1). */
export const rebalanceCommand = defineCommand({
  name: 'rebalance',
  summary: 'Write a WorkloadRebalancer: reschedule workloads once from scratch (failback after a recovery)',
  maxPositionals: 1000,
  flags: rebalanceFlags,
  about: `Write a Karmada WorkloadRebalancer (apps.karmada.io/v1alpha1) into a fleet repo.

Usage: flotilla rebalance KIND/NAMESPACE/NAME|KIND/NAME ... [--repo DIR] [--name NAME]
                          [--ttl-seconds-after-finished N] [--branch NAME] [-o json|yaml|table]

Each workload is a template of DIR's working tree (KIND/NAME for a cluster-scoped kind); its
apiVersion comes from the template. The object is written to DIR/rebalancers/<name>.yaml. With
--branch, it is committed instead on a new local branch NAME, started at DIR's HEAD (the working
tree is not touched): push it and open a pull request, whose preview shows the replicas that move.
Once the commit is in force, the controller schedules each workload once from scratch, as Karmada
does for a new WorkloadRebalancer, and records Successful or Failed per workload on the status
branch (rebalancers/<name>.yaml). Clusters that lose the workload keep it until the new replicas
are ready.
`,
  footer: `Exit status:
  0  written (or committed)
  2  usage error: a workload the repo lacks, the file or branch exists, DIR is not a git repository

Examples:
  # Failback after a recovered region: bring frontend back to its policy's division
  flotilla rebalance Deployment/shop/frontend --repo ~/fleet

  # Several workloads, on a branch to push for review
  flotilla rebalance Deployment/shop/frontend StatefulSet/shop/cart --branch failback-eu --repo ~/fleet
`,
  async run(values, positionals, io) {
    const output = values.output;
    if (positionals.length === 0) throw new UsageError('name at least one workload: KIND/NAMESPACE/NAME');
    const repo = path.resolve(io.cwd, values.repo);
    const name = values.name ?? defaultName(new Date());
    if (!/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(name))
      throw new UsageError(`--name ${name}: not a DNS-1123 subdomain`);
    const ttl = values['ttl-seconds-after-finished'];
    const branch = values.branch;
    const loaded = await loadRevision(repo, branch ? 'HEAD' : undefined, io.cwd);
    if ((loaded.fleet.rebalancers ?? []).some((r) => r.object.metadata.name === name))
      throw new UsageError(`the fleet repo has a WorkloadRebalancer ${name} already: choose another --name`);
    const workloads = resolveWorkloads(positionals, loaded.fleet.templates);
    const file = rebalancerPath(name);
    if (!isIncludedPath(loaded.fleet.settings, file))
      throw new UsageError(`flotilla.yaml's include/exclude leave out ${file}: add "rebalancers/**" to include`);
    const text = stringify(rebalancerManifest(name, workloads, ttl), yamlOptions);
    const summary = branch
      ? {
          file,
          name,
          workloads: workloads.length,
          branch,
          commit: await commitOnBranch(repo, branch, file, text, name),
        }
      : { file, name, workloads: workloads.length, path: await writeNew(repo, file, text) };
    if (output === 'json') io.stdout(toJsonText(summary));
    else if (output === 'yaml') io.stdout(toYamlText(summary));
    else if (branch)
      io.stdout(
        `committed ${file} on branch ${branch} (${summary.commit?.slice(0, 12) ?? ''}); push it with: git push origin ${branch}\n`,
      );
    else io.stdout(`wrote ${file} (WorkloadRebalancer ${name}, ${workloads.length} workload(s))\n`);
    return exitOk;
  },
});

function defaultName(now: Date): string {
  return `rebalance-${now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}`;
}

async function writeNew(repo: string, file: string, text: string): Promise<string> {
  const target = path.join(repo, file);
  if (
    await stat(target).then(
      () => true,
      () => false,
    )
  )
    throw new UsageError(`${target} exists: choose another --name`);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, text, { flag: 'wx' });
  return target;
}

async function commitOnBranch(repo: string, branch: string, file: string, text: string, name: string): Promise<string> {
  const gitdir = await findGitDir(repo);
  if (gitdir === undefined) throw new UsageError(`--branch needs a git repository: ${repo} is not one`);
  const git = openLocal(gitdir);
  const head = await tryResolve(git, 'HEAD');
  if (head === undefined) throw new UsageError(`--branch: ${repo} has no commit to start the branch from`);
  if ((await tryResolve(git, `refs/heads/${branch}`)) !== undefined)
    throw new UsageError(`--branch ${branch}: the branch exists already`);
  return commitOnNewBranch(git, {
    branch,
    from: head,
    changes: [{ path: file, content: new TextEncoder().encode(text) }],
    message: `rebalance: WorkloadRebalancer ${name}\n`,
    identity: defaultIdentity,
    time: new Date(),
  });
}
