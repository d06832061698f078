/** `flotilla join`: observe a member and register it in the fleet repo as `clusters/NAME.yaml` (like karmadactl join). */
import path from 'node:path';
import { FlotillaError, UsageError } from '../../api/index.ts';
import { loadKubeConfig } from '../../cluster/credentials.ts';
import { joinedCluster } from '../../cluster/joined-cluster.ts';
import { limitsFor } from '../../cluster/member-access.ts';
import { observeMember } from '../../cluster/observe-member.ts';
import { defineCommand } from '../command.ts';
import { flag } from '../flags.ts';
import { exitOk } from '../io.ts';
import { loadRevision } from '../load-revision.ts';
import { toJsonText, toYamlText } from '../output.ts';
import { refuseOverwrite, writeManifests } from '../repo-files.ts';
import { duration } from '../shared-flags.ts';

/** The repo already declares the cluster in a file other than the one `join` writes. */
export class ClusterAlreadyDeclared extends FlotillaError<{ cluster: string; file: string; line: number }> {}

/** A cluster name as Kubernetes object names go (RFC 1123 subdomain), and a safe file name. */
const clusterName = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** `flotilla join`: the command definition (K1). */
export const joinCommand = defineCommand({
  name: 'join',
  summary: 'Register a member cluster: observe it and write clusters/NAME.yaml into the fleet repo',
  maxPositionals: 1,
  flags: {
    kubeconfig: flag.string('FILE', 'kubeconfig that reaches the member (default: $KUBECONFIG)'),
    context: flag.string('NAME', "the member's context (default: the kubeconfig's current context)"),
    repo: flag.string('DIR', 'fleet repo working tree', { default: '.' }),
    force: flag.boolean('overwrite an existing clusters/NAME.yaml'),
    'dry-run': flag.boolean('print the Cluster without writing it'),
    timeout: flag.parsed('DURATION', duration, 'limit for observing the member', { default: '30s' }),
    output: flag.oneOf(['table', 'json', 'yaml'], 'table (a summary) | json | yaml (the Cluster written)', {
      short: 'o',
      default: 'table',
      metavar: 'FORMAT',
    }),
  },
  about: `Register a member cluster in the fleet repo, as karmadactl join registers it with Karmada.

Usage: flotilla join NAME --kubeconfig FILE [--context CONTEXT] [--repo DIR] [--force] [--dry-run] [-o json|yaml]

Reads the member through the kubeconfig context (readiness, Kubernetes version, served APIs,
Nodes and Pods, as 'flotilla clusters' does) and writes the Cluster object to clusters/NAME.yaml
of the fleet repo's working tree:
  spec.provider   the scheme of the Nodes' spec.providerID (aws:///..., gce://..., azure://...)
  spec.region     the Nodes' topology.kubernetes.io/region label, when they agree
  spec.zones      every distinct topology.kubernetes.io/zone label
  status          kubernetesVersion, apiEnablements and resourceSummary
Prints what it found and what it could not determine. Commit the file to join the member;
'flotilla apply' and the controller reach it through the kubeconfig context named NAME (or
--context-map NAME=CONTEXT). Credentials are never written to the repo.
`,
  footer: `Exit status:
  0  the member was observed and clusters/NAME.yaml written (or printed, with --dry-run)
  2  usage error, the member is unreachable, or the file exists and --force was not given

Examples:
  # Register the cluster behind context eu-west-2 as "eu-west-2"
  flotilla join eu-west-2 --kubeconfig ~/.kube/config --context eu-west-2 --repo fleet

  # See what would be written, without writing it
  flotilla join edge-17 --kubeconfig edge-17.kubeconfig --dry-run -o yaml
`,
  async run(values, positionals, io) {
    const name = positionals[0];
    if (!name) throw new UsageError('expected the cluster NAME, e.g. flotilla join eu-west-2 --kubeconfig FILE');
    if (!clusterName.test(name))
      throw new UsageError(`cluster name "${name}" must be lower-case letters, digits, '-' and '.' (an RFC 1123 name)`);
    const repo = path.resolve(io.cwd, values.repo);
    const file = `clusters/${name}.yaml`;
    if (!values['dry-run']) await refuseConflicts(name, file, repo, values.force, io.cwd);
    const kc = loadKubeConfig(values.kubeconfig, io.env);
    const context = values.context ?? kc.getCurrentContext();
    const member = await observeMember(name, kc, context, limitsFor(values.timeout), new Date().toISOString());
    const joined = joinedCluster(name, member.observation, member.nodes);
    if (!values['dry-run'])
      await writeManifests(
        repo,
        file,
        `${name}: registered by flotilla join from kubeconfig context ${context}.\nCredentials stay out of git: flotilla reaches the member through the kubeconfig context named\n${name} (or --context-map ${name}=CONTEXT), or the hub Secret spec.secretRef names.`,
        [joined.cluster],
      );
    if (values.output === 'json') io.stdout(toJsonText(joined.cluster));
    else if (values.output === 'yaml') io.stdout(toYamlText(joined.cluster));
    else {
      const lines = [
        `${values['dry-run'] ? 'would write' : 'wrote'} ${file} for cluster ${name} (context ${context})`,
        'found:',
        ...joined.found.map((f) => `  ${f}`),
      ];
      if (joined.undetermined.length) lines.push('could not determine:', ...joined.undetermined.map((u) => `  ${u}`));
      io.stdout(`${lines.join('\n')}\n`);
    }
    if (context !== name)
      io.stderr(
        `note: flotilla reaches clusters by the context named after them; this context is "${context}": pass --context-map ${name}=${context} to apply, status and the controller\n`,
      );
    return exitOk;
  },
});

/** Refuses a second declaration of the cluster elsewhere, and an existing file without --force. */
async function refuseConflicts(name: string, file: string, repo: string, force: boolean, cwd: string): Promise<void> {
  await refuseOverwrite(repo, [file], force);
  const { fleet } = await loadRevision(repo, undefined, cwd);
  const declared = fleet.clusters.find((c) => c.object.metadata.name === name);
  if (declared && declared.source.file !== file) {
    throw new ClusterAlreadyDeclared(
      `cluster ${name} is already declared at ${declared.source.file}:${declared.source.line}; edit it there, or remove it first`,
      { cluster: name, file: declared.source.file, line: declared.source.line },
    );
  }
}
