/** `flotilla unjoin`: remove a member's Cluster from the fleet repo (like karmadactl unjoin), naming the policies that still select it. */
import path from 'node:path';
import { FlotillaError, formatDiagnostic, UsageError, type Fleet } from '../../api/index.ts';
import { loadRevision } from '../load-revision.ts';
import { defineCommand } from '../command.ts';
import { flag } from '../flags.ts';
import { exitOk } from '../io.ts';
import { removeRepoFile } from '../repo-files.ts';

/** The repo declares no Cluster of that name. */
export class ClusterNotDeclared extends FlotillaError<{ cluster: string }> {}

/** The Cluster shares its file with other objects, so removing the file would remove them too. */
export class ClusterFileShared extends FlotillaError<{ cluster: string; file: string; line: number }> {}

/** `flotilla unjoin`: the command definition (K1). */
export const unjoinCommand = defineCommand({
  name: 'unjoin',
  summary: 'Remove a member cluster from the fleet repo (the file flotilla join wrote)',
  maxPositionals: 1,
  flags: {
    repo: flag.string('DIR', 'fleet repo working tree', { default: '.' }),
  },
  about: `Remove a member cluster from the fleet repo, as karmadactl unjoin removes it from Karmada.

Usage: flotilla unjoin NAME [--repo DIR]

Removes the file that declares Cluster NAME from the fleet repo's working tree (it must hold only
that Cluster, as clusters/NAME.yaml written by 'flotilla join' does), then warns about every policy
that still names the cluster. Nothing on the member is touched: once the removal is committed,
flotilla stops applying to, observing and pruning it, and its objects stay where they are
(see 'flotilla status' for how to clean them up).
`,
  footer: `Exit status:
  0  the Cluster's file was removed
  2  usage error, no such Cluster, or its file also holds other objects

Examples:
  # Take edge-17 out of the fleet, then review and commit
  flotilla unjoin edge-17 --repo fleet && git -C fleet status

  # Which policies still name it?
  flotilla unjoin eu-west-2 2>&1 >/dev/null | grep UnknownCluster
`,
  async run(values, positionals, io) {
    const name = positionals[0];
    if (!name) throw new UsageError('expected the cluster NAME, e.g. flotilla unjoin eu-west-2');
    const { fleet } = await loadRevision(values.repo, undefined, io.cwd);
    const declared = fleet.clusters.find((c) => c.object.metadata.name === name);
    if (!declared) throw new ClusterNotDeclared(`the fleet repo declares no Cluster named ${name}`, { cluster: name });
    const file = declared.source.file;
    if (objectsIn(fleet, file) > 1) {
      throw new ClusterFileShared(
        `${file} declares Cluster ${name} (line ${declared.source.line}) among other objects; remove it from that file by hand`,
        { cluster: name, file, line: declared.source.line },
      );
    }
    await removeRepoFile(path.resolve(io.cwd, values.repo), file);
    io.stdout(
      `removed ${file} (Cluster ${name}); commit it to take the member out of the fleet; its objects stay on the member\n`,
    );
    const after = await loadRevision(values.repo, undefined, io.cwd);
    for (const d of after.diagnostics.filter((x) => x.code === 'UnknownCluster' && x.message.includes(`"${name}"`)))
      io.stderr(`${formatDiagnostic(d)}\n`);
    return exitOk;
  },
});

/** How many loaded objects come from `file`. */
function objectsIn(fleet: Fleet, file: string): number {
  const all = [
    ...fleet.clusters,
    ...fleet.propagationPolicies,
    ...fleet.overridePolicies,
    ...fleet.customizations,
    ...fleet.templates,
  ];
  return all.filter((l) => l.source.file === file).length;
}
