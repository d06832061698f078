/**
 * `flotilla promote`: bring a workload running on a member under flotilla's management (like
 * karmadactl promote). Gather (the live object and its dependencies), decide (templates without
 * what the cluster generated, a policy pinning them to that cluster), act (write two files).
 */
import path from 'node:path';
import { FlotillaError, UsageError, type KubeObject } from '../../api/index.ts';
import { memberKubeConfig } from '../../cluster/credentials.ts';
import { loadRevision } from '../load-revision.ts';
import { MemberClient } from '../../cluster/member-client.ts';
import { formatObjectId, objectIdOf } from '../../cluster/object-id.ts';
import { readPromotable, type Promotable } from '../../cluster/read-promotable.ts';
import { createInterpreter } from '../../interpreter/index.ts';
import { promotionPolicy, secretWithoutValues, templateFromLive } from '../../promote/index.ts';
import { defineCommand } from '../command.ts';
import { flag } from '../flags.ts';
import { exitOk } from '../io.ts';
import { membersFrom } from '../member-credentials.ts';
import { memberAccessFlags } from '../shared-flags.ts';
import { toYamlText } from '../output.ts';
import { refuseOverwrite, writeManifests } from '../repo-files.ts';
import { parseKindName } from '../kind-name.ts';

/** A dependency is a Secret and --include-secrets was not given. */
export class SecretsNotIncluded extends FlotillaError<{ secrets: readonly string[] }> {}

/** The fleet repo does not declare the cluster, or already holds a template of the object. */
export class PromoteConflict extends FlotillaError<{ detail: string }> {}

/** `flotilla promote`: the command definition (K1). */
export const promoteCommand = defineCommand({
  name: 'promote',
  summary: 'Bring a workload running on a member under flotilla: write its template and a policy adopting it',
  maxPositionals: 2,
  flags: {
    namespace: flag.string('NS', 'namespace of the object', { short: 'n', default: 'default' }),
    cluster: flag.string('NAME', 'the member to read it from; the fleet repo must declare it'),
    repo: flag.string('DIR', 'fleet repo working tree', { default: '.' }),
    ...memberAccessFlags('30s'),
    dependencies: flag.boolean('also promote the ConfigMaps, Secrets, ServiceAccounts and PVCs it references'),
    'include-secrets': flag.boolean('allow referenced Secrets (names only, never values)'),
    force: flag.boolean('overwrite existing files'),
    'dry-run': flag.boolean('print the files instead of writing them'),
  },
  about: `Promote a live object of a member into the fleet repo, as karmadactl promote does for Karmada.

Usage: flotilla promote KIND NAME -n NAMESPACE --cluster CLUSTER [--repo DIR] [--kubeconfig FILE]
                        [--dependencies [--include-secrets]] [--force] [--dry-run]

Reads the object from the member and writes, into the fleet repo's working tree:
  apps/NAMESPACE/KIND-NAME.yaml       the object as a template: without status, uid,
                                      resourceVersion, generation, managedFields,
                                      creationTimestamp, what the cluster assigned (a Service's
                                      clusterIP and nodePorts, a claim's volumeName) and fields
                                      equal to the API server's defaults
  policies/NAMESPACE/NAME-KIND.yaml   a PropagationPolicy that pins it to CLUSTER, Duplicated,
                                      with conflictResolution: Overwrite, so the next
                                      'flotilla apply' takes the object over where it runs
                                      (same spec: no rollout, the Pods keep running)
KIND is any form kubectl accepts (deploy, deployment, Deployment, deployment.apps); KIND/NAME
works too. Review the files, commit and push them; nothing is changed on the member.

With --dependencies, the ConfigMaps, Secrets, ServiceAccounts and PersistentVolumeClaims the
object references (the resource interpreter's InterpretDependency) join the template file and
the policy. A Secret is refused unless --include-secrets; with it, only the Secret's name, labels
and type are written, never its values: they stay on the member.
`,
  footer: `Exit status:
  0  the files were written (or printed, with --dry-run)
  2  usage error, the object or cluster was not found, the object is already managed, a
     Secret was referenced without --include-secrets, or a file exists without --force

Examples:
  # Adopt the legacy web Deployment running on eu-1, then apply to take ownership
  flotilla promote deployment web -n shop --cluster eu-1 --repo fleet --kubeconfig kc.yaml
  flotilla apply --repo fleet --kubeconfig kc.yaml

  # With the ConfigMaps and ServiceAccount it uses, printed instead of written
  flotilla promote deploy/web -n shop --cluster eu-1 --dependencies --dry-run
`,
  async run(values, positionals, io) {
    const target = parseKindName(positionals, 'promote');
    const cluster = values.cluster;
    if (!cluster) throw new UsageError('--cluster NAME is required: the member to read the object from');
    const repo = path.resolve(io.cwd, values.repo);
    const loaded = await loadRevision(values.repo, undefined, io.cwd);
    const declared = loaded.fleet.clusters.find((c) => c.object.metadata.name === cluster);
    if (!declared)
      throw new PromoteConflict(
        `the fleet repo declares no Cluster ${cluster}: register it first (flotilla join ${cluster} --kubeconfig FILE)`,
        { detail: 'unknown cluster' },
      );
    const { limits, credentials } = membersFrom(values, io.env);
    const client = new MemberClient(cluster, await memberKubeConfig(declared.object, credentials), {
      requestTimeoutMs: limits.requestTimeoutMs,
      deadline: AbortSignal.timeout(limits.timeoutMs),
    });
    let read: Promotable;
    try {
      read = await readPromotable(
        client,
        { typed: target.kind, namespace: values.namespace, name: target.name },
        values.dependencies ? createInterpreter(loaded.fleet.customizations) : undefined,
      );
    } finally {
      await client.close();
    }
    const files = promotionFiles(read, cluster, values['include-secrets']);
    const existing = loaded.fleet.templates.find((t) => files.objects.some((o) => sameObject(o, t.object)));
    if (existing)
      throw new PromoteConflict(
        `the fleet repo already has a template of ${existing.object.kind} ${existing.object.metadata.namespace ?? ''}/${existing.object.metadata.name ?? ''} (${existing.source.file}:${existing.source.line})`,
        { detail: 'template exists' },
      );
    const note = `promoted by flotilla promote from cluster ${cluster}`;
    if (values['dry-run']) {
      io.stdout(
        `# ${files.template}\n${files.objects.map((o) => `---\n${yamlOf(o)}`).join('')}# ${files.policy}\n---\n${yamlOf(files.adopt)}`,
      );
    } else {
      await refuseOverwrite(repo, [files.template, files.policy], values.force);
      await writeManifests(repo, files.template, `${note}.${files.secretNote}`, files.objects);
      await writeManifests(
        repo,
        files.policy,
        `${note}: pins the objects to ${cluster} and adopts them where they run (conflictResolution: Overwrite).`,
        [files.adopt],
      );
      io.stdout(
        `wrote ${files.template} (${files.objects.map(describe).join(', ')})\nwrote ${files.policy} (${files.adopt.kind} ${files.adopt.metadata.name ?? ''} → ${cluster})\n`,
      );
    }
    for (const m of read.missing)
      io.stderr(
        `warning: ${describe(read.object)} references ${m.kind} ${m.name ?? `selected by labels`}, which cluster ${cluster} does not have; not promoted\n`,
      );
    io.stderr(
      `next: review and commit the files; 'flotilla apply' then takes the objects over on ${cluster} without restarting them\n`,
    );
    return exitOk;
  },
});

interface PromotionFiles {
  readonly template: string;
  readonly policy: string;
  readonly objects: readonly KubeObject[];
  readonly adopt: KubeObject;
  readonly secretNote: string;
}

/** The templates, the policy, and where they go; SecretsNotIncluded when a Secret is referenced without --include-secrets. */
function promotionFiles(read: Promotable, cluster: string, includeSecrets: boolean): PromotionFiles {
  const secrets = read.dependencies.filter((d) => d.kind === 'Secret');
  if (secrets.length && !includeSecrets) {
    const names = secrets.map((s) => `${s.metadata.namespace ?? ''}/${s.metadata.name ?? ''}`);
    throw new SecretsNotIncluded(
      `${describe(read.object)} references Secret ${names.join(', ')}; secrets are not promoted into git unless --include-secrets (which writes their names and type, never their values)`,
      { secrets: names },
    );
  }
  const secretKeys: string[] = [];
  const objects = [read.object, ...read.dependencies].map((o) => {
    if (o.kind !== 'Secret') return templateFromLive(o);
    const s = secretWithoutValues(o);
    secretKeys.push(`${o.metadata.name ?? ''} (keys ${s.keys.join(', ') || 'none'})`);
    return s.template;
  });
  const main = objects[0] ?? read.object;
  const scope = main.metadata.namespace ?? '_cluster';
  const kind = main.kind.toLowerCase();
  const name = main.metadata.name ?? '';
  const secretNote = secretKeys.length
    ? `\nSecret values are not in git: ${secretKeys.join('; ')} keep their values on ${cluster}.`
    : '';
  return {
    template: `apps/${scope}/${kind}-${name}.yaml`,
    policy: `policies/${scope}/${name}-${kind}.yaml`,
    objects,
    adopt: promotionPolicy(objects, cluster),
    secretNote,
  };
}

/** Same group, kind, namespace and name (any version). */
function sameObject(a: KubeObject, b: KubeObject): boolean {
  return formatObjectId(objectIdOf(a)) === formatObjectId(objectIdOf(b));
}

function describe(o: KubeObject): string {
  return `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name ?? ''}`;
}

function yamlOf(o: KubeObject): string {
  return toYamlText(o);
}
