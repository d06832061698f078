/** `flotilla render`: the rendered tree of one revision, for Argo CD / Flux, written to a directory. */
import path from 'node:path';
import { formatDiagnostic, UsageError } from '../../api/index.ts';
import { defaultCacheRoot, resolveCredentials } from '../../git/index.ts';
import { planSnapshot } from '../../plan/index.ts';
import { isRemoteUrl, openSource, readRevision } from '../../source/index.ts';
import { writeRenderedDir } from '../../writeback/index.ts';
import { defineCommand } from '../command.ts';
import { flag, type FlagValues } from '../flags.ts';
import { exitInvalid, exitOk } from '../io.ts';
import { planRevision } from '../load-revision.ts';
import { toJsonText, toYamlText } from '../output.ts';
import { outputFlags, revisionFlags } from '../shared-flags.ts';

const renderFlags = {
  repo: flag.string('URL|DIR', 'fleet repo', { default: '.' }),
  ref: revisionFlags.ref,
  branch: flag.string('NAME', "with --repo URL: the branch (default: the remote's HEAD)"),
  out: flag.string('DIR', 'output directory (required)'),
  'cache-dir': flag.string('DIR', 'bare repository cache (default: ~/.cache/flotilla/repos)'),
  'git-credentials-file': flag.string('FILE', 'lines username=, password= or token='),
  output: outputFlags(['json', 'yaml', 'table']).output,
};

/** `flotilla render`: the command definition (K1). */
export const renderCommand = defineCommand({
  name: 'render',
  summary: 'Write the per-cluster rendered tree of a revision to a directory (Argo CD / Flux)',
  maxPositionals: 0,
  flags: renderFlags,
  about: `Render one revision of a fleet repo into a directory, as the rendered branch holds it.

Usage: flotilla render --repo URL|DIR [--ref REF | --branch NAME] --out DIR [-o json|yaml|table]

Plans the revision (as 'flotilla plan') and writes, for every cluster,
  DIR/clusters/<cluster>/<namespace or _cluster>/<kind>-<name>.yaml
  DIR/clusters/<cluster>/kustomization.yaml   (lists the cluster's files; resources: [] when
                                               nothing is placed on the cluster)
Files under DIR/clusters that the revision no longer renders are removed and files that
already hold their content are not rewritten; nothing else in DIR is touched. File names are sanitised: no object name can write outside its folder. An
invalid revision writes nothing. DIR is a local directory, not guarded like the rendered branch
of 'flotilla reconcile' (--allow-mass-prune): a revision without objects empties its folders, so
review before committing DIR where Argo CD or Flux prune from it. --repo URL fetches the branch tip over HTTP(S) (credentials
as for 'flotilla reconcile'). -o prints the summary (clusters, files written and removed).`,
  footer: `Exit status:
  0  rendered
  1  the revision is invalid: nothing written
  2  usage error, or the repo could not be read or DIR written

Examples:
  # Render the example fleet for Argo CD
  flotilla render --repo examples/fleet-repo --out /tmp/rendered

  # Render what is committed on main, as a JSON summary
  flotilla render --repo . --ref main --out ./rendered -o json
`,
  async run(values, _positionals, io) {
    const output = values.output;
    const outFlag = values.out;
    if (!outFlag) throw new UsageError('--out DIR is required');
    const out = path.resolve(io.cwd, outFlag);
    const repo = values.repo;
    const plan = isRemoteUrl(repo)
      ? await planRemote(repo, values, io.env, io.cwd)
      : await planRevision({ repo, ref: values.ref }, io.cwd);
    for (const d of [...plan.errors, ...plan.warnings]) io.stderr(`${formatDiagnostic(d)}\n`);
    if (plan.errors.length) {
      io.stderr(`the revision is invalid (${plan.errors.length} error(s)): nothing written to ${out}\n`);
      return exitInvalid;
    }
    const { clusters, files, written, removed } = await writeRenderedDir(out, plan);
    const summary = { revision: plan.revision, out, clusters, files, written, removed };
    if (output === 'json') io.stdout(toJsonText(summary));
    else if (output === 'yaml') io.stdout(toYamlText(summary));
    else
      io.stdout(
        `rendered ${plan.revision} for ${clusters} cluster(s): ${files} file(s), ${written} written, ${removed} stale file(s) removed in ${out}\n`,
      );
    return exitOk;
  },
});

async function planRemote(
  repo: string,
  values: FlagValues<typeof renderFlags>,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
) {
  const credsFile = values['git-credentials-file'];
  const cacheDir = values['cache-dir'];
  const source = await openSource({
    repo,
    cwd,
    branch: values.branch,
    cacheRoot: cacheDir ? path.resolve(cwd, cacheDir) : defaultCacheRoot(env),
    credentials: await resolveCredentials(env, credsFile ? path.resolve(cwd, credsFile) : undefined),
  });
  if (source.kind !== 'git') return planSnapshot(await readRevision({ kind: 'directory', dir: source.dir }));
  await source.store.refresh();
  const tip = await source.store.tip(source.branch);
  if (!tip) throw new UsageError(`branch ${source.branch} does not exist in ${source.store.location}`);
  return planSnapshot(await readRevision({ kind: 'commit', reader: source.reader, commit: tip }));
}
