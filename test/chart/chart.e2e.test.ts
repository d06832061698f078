/**
 * The controller's Helm chart (charts/flotilla) with a real helm, built from the module pinned in
 * test/e2e/tools/helm, and a real kube-apiserver: the hub of test/e2e/clusters (`up 0`, in a state
 * directory of our own). Lint, schema, template, server-side dry-run, a real install by kubectl,
 * the pods the ReplicaSet creates under the `restricted` Pod Security level, and the
 * ServiceAccount's permissions. FLOTILLA_E2E=0 skips.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseAllDocuments } from 'yaml';
import { ensureHelm } from './helm.ts';

const e2eEnabled = process.env['FLOTILLA_E2E'] !== '0';
const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const chart = path.join(repoRoot, 'charts', 'flotilla');
const clustersBin = path.join(repoRoot, 'test', 'e2e', 'clusters');
const stateDir = path.join(os.tmpdir(), `flotilla-e2e-chart-tests-${process.pid}`);
const run = `${process.pid}-${Date.now().toString(36)}`;
const ns = `flotilla-chart-${run}`;
const secretsNs = `flotilla-secrets-${run}`;
const release = 'fleet';
const fullname = 'fleet-flotilla';
const repoUrl = 'https://git.example.com/platform/fleet.git';
const sa = `system:serviceaccount:${ns}:${fullname}`;

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}
type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; [k: string]: any };

/** Runs a command to completion (stdin from `input`); never throws on a non-zero exit. */
function exec(
  cmd: string,
  args: readonly string[],
  opts: { input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: repoRoot, env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

/** Like exec, but a non-zero exit fails the test with the command's output. */
async function ok(
  cmd: string,
  args: readonly string[],
  opts: { input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  const r = await exec(cmd, args, opts);
  assert.equal(r.code, 0, `${path.basename(cmd)} ${args.join(' ')} exited ${r.code}:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

function kinds(docs: readonly Manifest[]): string[] {
  return docs.map((d) => `${d.kind}/${d.metadata.namespace ?? ''}/${d.metadata.name}`).toSorted();
}

function container(deployment: Manifest): Record<string, any> {
  const c = deployment['spec']?.template?.spec?.containers?.[0];
  assert.ok(c, `${deployment.metadata.name} has a container`);
  return c as Record<string, any>;
}

(e2eEnabled ? describe : describe.skip)(
  `helm chart charts/flotilla (e2e${e2eEnabled ? '' : '; skipped: FLOTILLA_E2E=0'})`,
  function () {
    this.timeout(120_000);
    let tmp = '';
    let helmBin = '';
    let kubeconfig = '';
    let kubectlBin = '';
    let helmEnv: NodeJS.ProcessEnv = {};
    let valuesFile = '';
    let rendered = '';
    const clustersEnv = { ...process.env, FLOTILLA_E2E_STATE: stateDir };
    const helm = (...args: string[]) => exec(helmBin, args, { env: helmEnv });
    const kubectl = (...args: string[]) => exec(kubectlBin, ['--kubeconfig', kubeconfig, '--context', 'hub', ...args]);
    const kubectlOk = (args: readonly string[], input?: string) =>
      ok(kubectlBin, ['--kubeconfig', kubeconfig, '--context', 'hub', ...args], input === undefined ? {} : { input });
    const getJson = async (...what: string[]) =>
      JSON.parse(await kubectlOk(['get', ...what, '-o', 'json'])) as Manifest;
    const template = async (...extra: string[]): Promise<Manifest[]> => {
      const out = await ok(helmBin, ['template', release, chart, '--namespace', ns, '-f', valuesFile, ...extra], {
        env: helmEnv,
      });
      return parseAllDocuments(out)
        .map((d) => d.toJS() as Manifest)
        .filter((d) => d !== null);
    };

    before(async function () {
      // A cold helm build takes minutes; the harness may first build the Kubernetes binaries.
      this.timeout(60 * 60_000);
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flotilla-chart-'));
      // helm keeps its config, cache and data under these; never touch the user's.
      helmEnv = {
        ...process.env,
        HELM_CACHE_HOME: path.join(tmp, 'cache'),
        HELM_CONFIG_HOME: path.join(tmp, 'config'),
        HELM_DATA_HOME: path.join(tmp, 'data'),
      };
      valuesFile = path.join(tmp, 'values.yaml');
      const values = [
        `repo:`,
        `  url: ${repoUrl}`,
        `  pollSchedule: "*/2 * * * *"`,
        `git:`,
        `  credentials:`,
        `    existingSecret: fleet-git`,
        `webhook:`,
        `  existingSecret: fleet-webhook`,
        `memberSecrets:`,
        `  namespaces: [${secretsNs}]`,
        `metrics:`,
        `  prometheusAnnotations: true`,
      ];
      fs.writeFileSync(valuesFile, values.join('\n') + '\n');
      const log = (msg: string) => process.stderr.write(`      ${msg}\n`);
      const [bin, up] = await Promise.all([ensureHelm(log), ok(clustersBin, ['up', '0'], { env: clustersEnv })]);
      helmBin = bin;
      kubeconfig = up.trim().split('\n').at(-1) ?? '';
      const bindir = (await ok(clustersBin, ['bindir'], { env: clustersEnv })).trim().split('\n').at(-1) ?? '';
      kubectlBin = path.join(bindir, 'kubectl');
    });

    after(async function () {
      this.timeout(120_000);
      if (kubeconfig !== '') await kubectl('delete', 'namespace', ns, secretsNs, '--ignore-not-found', '--wait=false');
      if (fs.existsSync(stateDir)) await exec(clustersBin, ['down'], { env: clustersEnv });
      if (tmp !== '') fs.rmSync(tmp, { recursive: true, force: true });
    });

    it('helm lint --strict passes with repo.url set', async () => {
      const r = await helm('lint', chart, '--strict', '--set', `repo.url=${repoUrl}`);
      assert.equal(r.code, 0, r.stdout + r.stderr);
    });

    it('helm lint fails the values schema when repo.url is missing', async () => {
      const noUrl = path.join(tmp, 'no-url.yaml');
      fs.writeFileSync(noUrl, 'repo:\n  branch: main\n');
      const r = await helm('lint', chart, '-f', noUrl);
      assert.notEqual(r.code, 0, `lint passed without repo.url:\n${r.stdout}`);
      assert.match(r.stdout + r.stderr, /schema/i);
      assert.match(r.stdout + r.stderr, /url/);
    });

    const invalid: ReadonlyArray<{ name: string; set: string }> = [
      { name: 'a misspelt value', set: 'replicas=3' },
      { name: 'two replicas without leader election', set: 'leaderElection.enabled=false' },
      { name: 'a lease duration that is not a duration', set: 'leaderElection.leaseDuration=15' },
      { name: 'a member-secrets namespace that is not a DNS label', set: 'memberSecrets.namespaces={Karmada_Cluster}' },
    ];
    for (const c of invalid) {
      it(`helm lint fails the values schema on ${c.name}`, async () => {
        const r = await helm('lint', chart, '--set', `repo.url=${repoUrl}`, '--set', c.set);
        assert.notEqual(r.code, 0, `lint passed with ${c.set}:\n${r.stdout}`);
        assert.match(r.stdout + r.stderr, /schema/i);
      });
    }

    it('helm template renders the controller, its ServiceAccount, Service and namespaced RBAC only', async () => {
      const docs = await template();
      assert.deepEqual(kinds(docs), [
        `Deployment/${ns}/${fullname}`,
        `PodDisruptionBudget/${ns}/${fullname}`,
        `Role/${ns}/${fullname}-leader-election`,
        `Role/${secretsNs}/${fullname}-member-secrets`,
        `RoleBinding/${ns}/${fullname}-leader-election`,
        `RoleBinding/${secretsNs}/${fullname}-member-secrets`,
        `Service/${ns}/${fullname}`,
        `ServiceAccount/${ns}/${fullname}`,
      ]);
      const deployment = docs.find((d) => d.kind === 'Deployment');
      assert.ok(deployment);
      assert.equal(deployment['spec'].replicas, 2);
      const c = container(deployment);
      assert.deepEqual(c['args'], [
        'controller',
        `--repo=${repoUrl}`,
        '--branch=main',
        '--status-branch=flotilla-status',
        '--rendered-branch=flotilla-rendered',
        '--cache-dir=/var/cache/flotilla',
        '--poll-schedule=*/2 * * * *',
        '--listen=0.0.0.0:8080',
        '--leader-elect=true',
        `--lease-namespace=${ns}`,
        `--lease-name=${fullname}`,
        '--lease-duration=15s',
      ]);
      assert.deepEqual(c['envFrom'], [{ secretRef: { name: 'fleet-git' } }]);
      const env = Object.fromEntries((c['env'] as { name: string }[]).map((e) => [e.name, e]));
      assert.deepEqual(Object.keys(env).toSorted(), ['FLOTILLA_WEBHOOK_SECRET', 'POD_NAME', 'POD_NAMESPACE']);
      assert.deepEqual(c['securityContext'].capabilities, { drop: ['ALL'] });
      assert.equal(c['securityContext'].readOnlyRootFilesystem, true);
      assert.ok((c['volumeMounts'] as { mountPath: string }[]).some((m) => m.mountPath === '/var/cache/flotilla'));
      assert.equal(deployment['spec'].template.metadata.annotations['prometheus.io/scrape'], 'true');
    });

    it('helm template passes --rendered-cluster-branches when repo.renderedClusterBranches is true', async () => {
      const docs = await template('--set', 'repo.renderedClusterBranches=true');
      const args = container(docs.find((d) => d.kind === 'Deployment') as Manifest)['args'] as string[];
      assert.equal(args[args.indexOf('--rendered-branch=flotilla-rendered') + 1], '--rendered-cluster-branches');
    });

    it('helm template maps single keys of the git Secret when asked', async () => {
      const docs = await template('--set', 'git.credentials.keys.token=token');
      const c = container(docs.find((d) => d.kind === 'Deployment') as Manifest);
      assert.equal(c['envFrom'], undefined);
      const token = (c['env'] as { name: string; valueFrom?: unknown }[]).find((e) => e.name === 'FLOTILLA_GIT_TOKEN');
      assert.deepEqual(token?.valueFrom, { secretKeyRef: { name: 'fleet-git', key: 'token' } });
    });

    it('helm template renders one Deployment and Lease per shard when sharding is on', async () => {
      const docs = await template('--set', 'sharding.shards=3');
      const deployments = docs.filter((d) => d.kind === 'Deployment');
      assert.deepEqual(
        deployments.map((d) => d.metadata.name),
        [0, 1, 2].map((i) => `${fullname}-shard-${i}`),
      );
      for (const [i, d] of deployments.entries()) {
        const args = container(d)['args'] as string[];
        assert.deepEqual(
          args.filter((a) => /^--(shards?|lease-name)=/.test(a)),
          [`--lease-name=${fullname}-shard-${i}`, '--shards=3', `--shard=${i}`],
        );
        assert.equal(d['spec'].selector.matchLabels['flotilla.io/shard'], String(i));
      }
    });

    it('the hub accepts every rendered object in a server-side dry run, and creates none', async () => {
      rendered = await ok(helmBin, ['template', release, chart, '--namespace', ns, '-f', valuesFile], { env: helmEnv });
      for (const name of [ns, secretsNs]) await kubectlOk(['create', 'namespace', name]);
      // Pods of the release must pass the `restricted` Pod Security Standard, enforced by admission.
      await kubectlOk(['label', 'namespace', ns, 'pod-security.kubernetes.io/enforce=restricted']);
      const dry = await exec(
        kubectlBin,
        ['--kubeconfig', kubeconfig, '--context', 'hub', 'apply', '--server-side', '--dry-run=server', '-f', '-'],
        { input: rendered },
      );
      assert.equal(dry.code, 0, dry.stderr + dry.stdout);
      assert.doesNotMatch(dry.stderr, /would violate PodSecurity/, 'the pod template breaks the restricted level');
      const r = await kubectl('get', 'deployment', fullname, '-n', ns, '--ignore-not-found', '-o', 'name');
      assert.equal(r.stdout.trim(), '', 'a dry run created the Deployment');
    });

    it('installs for real: Deployment with 2 replicas, ServiceAccount, Service, Roles and RoleBindings', async () => {
      assert.notEqual(rendered, '', 'rendered by the dry-run test');
      await kubectlOk(['apply', '--server-side', '-f', '-'], rendered);
      const deployment = await getJson('deployment', fullname, '-n', ns);
      assert.equal(deployment['spec'].replicas, 2);
      assert.equal((await getJson('serviceaccount', fullname, '-n', ns)).metadata.name, fullname);
      const service = await getJson('service', fullname, '-n', ns);
      assert.deepEqual(
        service['spec'].ports.map((p: { name: string; port: number }) => [p.name, p.port]),
        [['http', 8080]],
      );
      const leaseRole = await getJson('role', `${fullname}-leader-election`, '-n', ns);
      assert.deepEqual(leaseRole['rules'][0].verbs, ['get', 'list', 'watch', 'create', 'update', 'patch']);
      const secretRole = await getJson('role', `${fullname}-member-secrets`, '-n', secretsNs);
      assert.deepEqual(secretRole['rules'], [
        { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] },
      ]);
      for (const [name, where] of [
        [`${fullname}-leader-election`, ns],
        [`${fullname}-member-secrets`, secretsNs],
      ] as const) {
        const binding = await getJson('rolebinding', name, '-n', where);
        assert.deepEqual(binding['subjects'], [{ kind: 'ServiceAccount', name: fullname, namespace: ns }]);
      }
    });

    it('the ReplicaSet creates both pods under the restricted Pod Security level', async () => {
      const selector = `app.kubernetes.io/instance=${release},app.kubernetes.io/component=controller`;
      const deadline = Date.now() + 120_000; // a bound for a loaded machine: the loop ends as soon as both exist
      let pods: Manifest[] = [];
      for (;;) {
        pods = (await getJson('pods', '-n', ns, '-l', selector))['items'] as Manifest[];
        if (pods.length === 2 || Date.now() > deadline) break;
        await sleep(500);
      }
      const rs = (await getJson('replicasets', '-n', ns, '-l', selector))['items'] as Manifest[];
      const failures = rs
        .flatMap((r) => (r['status']?.conditions ?? []) as { type: string; message: string }[])
        .filter((c) => c.type === 'ReplicaFailure');
      assert.deepEqual(failures, [], 'pods rejected');
      assert.equal(pods.length, 2);
    });

    it('the ServiceAccount may use Leases and read member Secrets, and nothing else', async () => {
      const can = async (...args: string[]) => (await kubectl('auth', 'can-i', '--as', sa, ...args)).code === 0;
      assert.equal(await can('create', 'leases.coordination.k8s.io', '-n', ns), true);
      assert.equal(await can('update', 'leases.coordination.k8s.io', '-n', ns), true);
      assert.equal(await can('watch', 'secrets', '-n', secretsNs), true);
      assert.equal(await can('get', 'secrets', '-n', ns), false);
      assert.equal(await can('list', 'secrets', '--all-namespaces'), false);
      assert.equal(await can('delete', 'secrets', '-n', secretsNs), false);
      assert.equal(await can('create', 'leases.coordination.k8s.io', '-n', 'default'), false);
      assert.equal(await can('list', 'clusters.cluster.karmada.io'), false);
      assert.equal(await can('create', 'deployments.apps', '-n', ns), false);
    });
  },
);
