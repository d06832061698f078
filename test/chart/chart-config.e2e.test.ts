/**
 * The chart's configuration runs (issue 10, second half of "done"): the harness fakes pods (kwok),
 * so the controller cannot run as the chart's pods. Instead `helm template` renders the chart with
 * repo.url pointing at a real git smart-HTTP server, the rendered objects are applied server-side
 * to the hub of test/e2e/clusters (hub + member1..3), and the flotilla container of the rendered
 * Deployment is run out of cluster as the kubelet would run it: the image's entrypoint (`node
 * bin/flotilla.js`) with the container's args, its env resolved from the hub (fieldRefs from one
 * of the Deployment's pods, secretKeyRef and envFrom from the release's Secrets), and its emptyDir
 * mounts mapped to temp dirs. The hub is reached with a token of the chart's ServiceAccount, so the
 * chart's RBAC is what the Lease calls go through; the members through the kubeconfig contexts
 * member1..3. The fleet is the example fleet (a copy of examples/fleet-repo): the chart's extraArgs
 * value maps three of its clusters onto the members (--context-map=aws-euw=member1,aws-use=member2,
 * gcp-use=member3); the other three clusters have no context, so the controller reports them
 * unreachable and fails them over (a first probe is taken as it is, so on the first pass). The only flags
 * added outside the chart are --kubeconfig and --hub-context, and --listen moves to a free loopback
 * port. FLOTILLA_E2E=0 skips.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { startGitServer, type GitServer } from '../git/helpers/git-server.ts';
import { commitAndPush, gitCli } from '../git/helpers/workspace.ts';
import { e2eEnabled, eventually, getJson, kubectl, members } from '../cluster/harness.ts';
import { ensureHelm } from './helm.ts';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const chart = path.join(repoRoot, 'charts', 'flotilla');
const node = path.join(repoRoot, 'node_modules', '.bin', 'node');
const fleetDir = path.join(repoRoot, 'examples', 'fleet-repo');
/** The example fleet's clusters that reach the harness members; the others have no context. */
const contextMap: Readonly<Record<string, string>> = {
  'aws-euw': 'member1',
  'aws-use': 'member2',
  'gcp-use': 'member3',
};
const unmapped = ['azure-apse', 'azure-euw', 'gcp-apse'] as const;
/** The chart's extraArgs value: the member contexts of the mapped clusters. */
const extraArgs = [
  `--context-map=${Object.entries(contextMap)
    .map(([c, m]) => `${c}=${m}`)
    .join(',')}`,
];
const run = `${process.pid}-${Date.now().toString(36)}`;
const ns = `flotilla-run-${run}`;
const secretsNs = `flotilla-run-secrets-${run}`;
const release = 'fleet';
const fullname = 'fleet-flotilla';
const memberNames = ['member1', 'member2', 'member3'] as const;
const webhookSecret = randomBytes(16).toString('hex');

type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; [k: string]: any };
interface LogLine {
  readonly msg?: string;
  readonly [k: string]: unknown;
}
interface Proc {
  readonly child: ChildProcess;
  stderr: string;
  readonly exited: Promise<number | null>;
}

/** The JSON lines (pino) a process wrote to stderr so far. */
function logLines(p: Proc): LogLine[] {
  return p.stderr.split('\n').flatMap((l) => {
    try {
      return l.trim() ? [JSON.parse(l) as LogLine] : [];
    } catch {
      return [];
    }
  });
}

/** The last lines of a process's log, for failure messages. */
const tail = (p: Proc | undefined) => (p ? p.stderr.trimEnd().split('\n').slice(-8).join('\n') : '(not started)');

(e2eEnabled ? describe : describe.skip)(
  `helm chart charts/flotilla: the rendered controller runs out of cluster (e2e${e2eEnabled ? '' : '; skipped: FLOTILLA_E2E=0'})`,
  function () {
    this.timeout(180_000);
    let tmp = '';
    let helmBin = '';
    let kubeconfig = '';
    let server: GitServer | undefined;
    let bare = '';
    let work = '';
    let rendered = '';
    let docs: Manifest[] = [];
    let podName = '';
    let proc: Proc | undefined;
    let listen = '';
    /** The process under test, once it leads (later tests fail at once without it). */
    const leader = (): Proc => {
      assert.ok(
        proc && listen !== '' && logLines(proc).some((l) => l.msg === 'became leader'),
        'the controller runs and leads (earlier test)',
      );
      return proc;
    };

    const deployment = (): Manifest => {
      const d = docs.filter((x) => x.kind === 'Deployment');
      assert.equal(d.length, 1, 'one Deployment rendered');
      return d[0] as Manifest;
    };
    const container = (): Record<string, any> => {
      const c = (deployment()['spec']?.template?.spec?.containers ?? []) as Record<string, any>[];
      assert.equal(c.length, 1, 'one container');
      return c[0] as Record<string, any>;
    };
    const secretData = async (name: string): Promise<Record<string, string>> => {
      const s = await getJson('hub', 'secret', name, '-n', ns);
      assert.ok(s, `Secret ${ns}/${name} exists`);
      return Object.fromEntries(
        Object.entries((s['data'] ?? {}) as Record<string, string>).map(([k, v]) => [
          k,
          Buffer.from(v, 'base64').toString('utf8'),
        ]),
      );
    };
    const lease = async () => getJson('hub', 'lease', fullname, '-n', ns);

    before(async function () {
      // The harness may first build the Kubernetes binaries, and helm its own; both are cached.
      this.timeout(60 * 60_000);
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flotilla-chart-run-'));
      const log = (msg: string) => process.stderr.write(`      ${msg}\n`);
      let up: { kubeconfig: string };
      [helmBin, up] = await Promise.all([ensureHelm(log), members()]);
      kubeconfig = up.kubeconfig;

      // The fleet repo on a real smart-HTTP server: a copy of examples/fleet-repo on main.
      fs.mkdirSync(path.join(tmp, 'git'));
      server = await startGitServer(path.join(tmp, 'git'));
      bare = server.createRepo('fleet');
      work = path.join(tmp, 'work');
      fs.cpSync(fleetDir, work, { recursive: true });
      await gitCli(work, 'init', '--quiet', '--initial-branch', 'main');
      await gitCli(work, 'remote', 'add', 'origin', server.authUrl('fleet'));
      await commitAndPush(work, 'fleet: the example fleet');

      // What a user creates before installing: the namespaces and the Secrets the values name.
      for (const n of [ns, secretsNs]) await kubectl('hub', 'create', 'namespace', n);
      await kubectl(
        'hub',
        'create',
        'secret',
        'generic',
        'fleet-git',
        '-n',
        ns,
        `--from-literal=FLOTILLA_GIT_USERNAME=${server.user}`,
        `--from-literal=FLOTILLA_GIT_PASSWORD=${server.password}`,
      );
      await kubectl(
        'hub',
        'create',
        'secret',
        'generic',
        'fleet-webhook',
        '-n',
        ns,
        `--from-literal=secret=${webhookSecret}`,
      );

      const values = {
        repo: { url: server.url('fleet'), pollSchedule: '*/5 * * * *' },
        git: { credentials: { existingSecret: 'fleet-git' } },
        webhook: { existingSecret: 'fleet-webhook' },
        memberSecrets: { namespaces: [secretsNs] },
        extraArgs,
      };
      const valuesFile = path.join(tmp, 'values.yaml');
      fs.writeFileSync(valuesFile, stringify(values));
      const helmEnv = {
        ...process.env,
        HELM_CACHE_HOME: path.join(tmp, 'helm', 'cache'),
        HELM_CONFIG_HOME: path.join(tmp, 'helm', 'config'),
        HELM_DATA_HOME: path.join(tmp, 'helm', 'data'),
      };
      rendered = await new Promise<string>((resolve, reject) => {
        const h = spawn(helmBin, ['template', release, chart, '--namespace', ns, '-f', valuesFile], {
          env: helmEnv,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        h.stdout.on('data', (d: Buffer) => (out += d.toString()));
        h.stderr.on('data', (d: Buffer) => (err += d.toString()));
        h.on('error', reject);
        h.on('close', (code) =>
          code === 0 ? resolve(out) : reject(new Error(`helm template exited ${code}:\n${err}`)),
        );
      });
      docs = parseAllDocuments(rendered)
        .map((d) => d.toJS() as Manifest)
        .filter((d) => d !== null);
    });

    after(async function () {
      this.timeout(120_000);
      if (proc && proc.child.exitCode === null && proc.child.signalCode === null) {
        proc.child.kill('SIGKILL');
        await proc.exited;
      }
      await server?.stop();
      if (kubeconfig !== '') {
        await kubectl('hub', 'delete', 'namespace', ns, secretsNs, '--ignore-not-found', '--wait=false').catch(
          () => '',
        );
        for (const m of memberNames)
          await kubectl(m, 'delete', 'namespace', 'shop', 'payments', '--ignore-not-found', '--wait=false').catch(
            () => '',
          );
      }
      if (tmp !== '') fs.rmSync(tmp, { recursive: true, force: true });
    });

    it('helm template + server-side apply of the rendered chart into the hub succeeds; the ReplicaSet creates the pods', async () => {
      assert.deepEqual(docs.map((d) => d.kind).toSorted(), [
        'Deployment',
        'PodDisruptionBudget',
        'Role',
        'Role',
        'RoleBinding',
        'RoleBinding',
        'Service',
        'ServiceAccount',
      ]);
      const file = path.join(tmp, 'rendered.yaml');
      fs.writeFileSync(file, rendered);
      await kubectl('hub', 'apply', '--server-side', '-f', file);
      assert.ok(await getJson('hub', 'deployment', fullname, '-n', ns), 'the Deployment was created');
      // The pods are kwok's (nothing runs in them); one of them lends its name to the process below.
      const selector = `app.kubernetes.io/instance=${release},app.kubernetes.io/component=controller`;
      const pods = await eventually("the Deployment's pods", 120_000, async () => {
        const items = ((await getJson('hub', 'pods', '-n', ns, '-l', selector))?.['items'] ?? []) as Manifest[];
        return items.length === deployment()['spec'].replicas ? items : undefined;
      });
      podName = pods.map((p) => p.metadata.name).toSorted()[0] ?? '';
      assert.match(podName, new RegExp(`^${fullname}-`));
    });

    it("the container of the rendered Deployment, run out of cluster as the kubelet would, becomes leader with the chart's Lease", async () => {
      assert.notEqual(podName, '', 'a pod of the Deployment (previous test)');
      const pod = await getJson('hub', 'pod', podName, '-n', ns);
      assert.ok(pod);
      const c = container();

      // env, resolved as the kubelet does: envFrom first, then env (which wins).
      const env: Record<string, string> = {};
      for (const from of (c['envFrom'] ?? []) as { prefix?: string; secretRef?: { name: string } }[]) {
        assert.ok(from.secretRef, `only secretRef envFrom is expected: ${JSON.stringify(from)}`);
        for (const [k, v] of Object.entries(await secretData(from.secretRef.name))) env[`${from.prefix ?? ''}${k}`] = v;
      }
      for (const e of (c['env'] ?? []) as {
        name: string;
        value?: string;
        valueFrom?: { fieldRef?: { fieldPath: string }; secretKeyRef?: { name: string; key: string } };
      }[]) {
        if (e.value !== undefined) env[e.name] = e.value;
        else if (e.valueFrom?.fieldRef) {
          const [field, sub] = e.valueFrom.fieldRef.fieldPath.split('.');
          assert.equal(field, 'metadata', `fieldRef ${e.valueFrom.fieldRef.fieldPath}`);
          env[e.name] = String(pod['metadata'][sub ?? '']);
        } else if (e.valueFrom?.secretKeyRef) {
          const v = (await secretData(e.valueFrom.secretKeyRef.name))[e.valueFrom.secretKeyRef.key];
          assert.ok(v !== undefined, `Secret ${e.valueFrom.secretKeyRef.name} has key ${e.valueFrom.secretKeyRef.key}`);
          env[e.name] = v;
        } else assert.fail(`env ${e.name}: unexpected source ${JSON.stringify(e.valueFrom)}`);
      }
      assert.deepEqual(Object.keys(env).toSorted(), [
        'FLOTILLA_GIT_PASSWORD',
        'FLOTILLA_GIT_USERNAME',
        'FLOTILLA_WEBHOOK_SECRET',
        'POD_NAME',
        'POD_NAMESPACE',
      ]);
      assert.equal(env['POD_NAME'], podName);
      assert.equal(env['POD_NAMESPACE'], ns);
      assert.equal(env['FLOTILLA_WEBHOOK_SECRET'], webhookSecret);

      // args: emptyDir mounts become temp dirs; --listen moves to a free loopback port.
      const volumes = (deployment()['spec'].template.spec.volumes ?? []) as { name: string; emptyDir?: object }[];
      const mounts = new Map<string, string>();
      for (const m of (c['volumeMounts'] ?? []) as { name: string; mountPath: string }[]) {
        assert.ok(volumes.find((v) => v.name === m.name)?.emptyDir, `volume ${m.name} is an emptyDir`);
        const dir = path.join(tmp, 'volumes', m.name);
        fs.mkdirSync(dir, { recursive: true });
        mounts.set(m.mountPath, dir);
      }
      const args = (c['args'] as string[]).map((a) => {
        if (a.startsWith('--listen=')) return '--listen=127.0.0.1:0';
        const m = /^(--[a-z-]+=)(\/.*)$/.exec(a);
        const mount = m ? [...mounts.keys()].find((p) => m[2] === p || m[2]?.startsWith(`${p}/`)) : undefined;
        return m && mount ? `${m[1]}${mounts.get(mount)}${(m[2] ?? '').slice(mount.length)}` : a;
      });
      assert.equal(args[0], 'controller');
      assert.ok(
        args.some((a) => a.startsWith(`--cache-dir=${path.join(tmp, 'volumes')}`)),
        `the cache dir is a mounted emptyDir: ${args.join(' ')}`,
      );
      assert.ok(c['args'].includes('--leader-elect=true'));
      assert.deepEqual(
        (c['args'] as string[]).slice(-extraArgs.length),
        extraArgs,
        'the chart renders extraArgs last into the container args',
      );

      // The hub as in-cluster: the chart's ServiceAccount's token (its RBAC decides), the hub's CA and server.
      const sa = deployment()['spec'].template.spec.serviceAccountName as string;
      const token = (await kubectl('hub', 'create', 'token', sa, '-n', ns, '--duration', '1h')).trim();
      const kc = parse(fs.readFileSync(kubeconfig, 'utf8')) as {
        users: { name: string; user: object }[];
        contexts: { name: string; context: { user: string } }[];
      };
      kc.users.push({ name: 'flotilla-service-account', user: { token } });
      for (const ctx of kc.contexts) if (ctx.name === 'hub') ctx.context.user = 'flotilla-service-account';
      const controllerKubeconfig = path.join(tmp, 'kubeconfig');
      fs.writeFileSync(controllerKubeconfig, stringify(kc), { mode: 0o600 });

      const home = path.join(tmp, 'home');
      fs.mkdirSync(home);
      const child = spawn(
        node,
        [
          path.join(repoRoot, 'bin', 'flotilla.js'),
          ...args,
          '--kubeconfig',
          controllerKubeconfig,
          '--hub-context',
          'hub',
        ],
        {
          cwd: home,
          stdio: ['ignore', 'pipe', 'pipe'],
          // A container's environment: the resolved env, nothing of this process's (no KUBECONFIG, no git config).
          env: { PATH: process.env['PATH'] ?? '', HOME: home, GIT_CONFIG_NOSYSTEM: '1', ...env },
        },
      );
      // 'close', not 'exit': the process can exit before its last stderr chunk reaches this one.
      const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
      const p: Proc = { child, stderr: '', exited };
      child.stdout?.resume();
      child.stderr?.on('data', (d: Buffer) => (p.stderr += d.toString()));
      proc = p;

      const started = await eventually('"controller started"', 120_000, async () => {
        assert.equal(child.exitCode, null, `the controller exited ${child.exitCode}:\n${tail(p)}`);
        return logLines(p).find((l) => l.msg === 'controller started');
      }).catch((err: unknown) => assert.fail(`${String(err)}\n${tail(p)}`));
      assert.equal(started['identity'], podName);
      assert.equal(started['leaderElection'], true);
      listen = String(started['listen']);
      assert.match(listen, /^127\.0\.0\.1:\d+$/);
      await eventually('"became leader"', 120_000, async () =>
        logLines(p).some((l) => l.msg === 'became leader') ? true : undefined,
      ).catch((err: unknown) => assert.fail(`${String(err)}\n${tail(p)}`));
      const l = await lease();
      assert.equal(l?.['spec']?.['holderIdentity'], podName, 'the Lease the chart names is held by the pod name');
      assert.equal(l?.['spec']?.['leaseDurationSeconds'], 15);
    });

    /** The messages of the status branch's commits, newest first. */
    const statusCommits = async (): Promise<string[]> =>
      (await gitCli(bare, 'log', '--format=%B%x1e', 'refs/heads/flotilla-status').catch(() => ''))
        .split('\x1e')
        .map((m) => m.trim())
        .filter((m) => m !== '');
    /** The status commit recording `sha` with the trailer `Flotilla-Decision: <decision>`. */
    const statusCommit = (sha: string, decision: string) => async () =>
      (await statusCommits()).find(
        (m) =>
          m.split('\n').includes(`Flotilla-Source: ${sha}`) && m.split('\n').includes(`Flotilla-Decision: ${decision}`),
      );

    it('reconciles the example fleet: payments-api in payments on member2 (aws-use), catalog and frontend in shop on member1..3, recorded on flotilla-status', async () => {
      const p = leader();
      const fail = (err: unknown) => assert.fail(`${String(err)}\n${tail(p)}`);
      await eventually('payments-api on member2, catalog and frontend on member1..3', 120_000, async () => {
        const found = await Promise.all([
          getJson('member2', 'deployment', 'payments-api', '-n', 'payments'),
          ...memberNames.flatMap((m) => ['catalog', 'frontend'].map((d) => getJson(m, 'deployment', d, '-n', 'shop'))),
        ]);
        return found.every((x) => x !== undefined) ? true : undefined;
      }).catch(fail);
      // Remote DR: payments-api only on its primary, aws-use.
      for (const m of ['member1', 'member3'])
        assert.equal(
          await getJson(m, 'deployment', 'payments-api', '-n', 'payments'),
          undefined,
          `no payments-api on ${m}`,
        );
      const catalog = await getJson('member1', 'deployment', 'catalog', '-n', 'shop');
      assert.equal(catalog?.['metadata']?.labels?.['app.kubernetes.io/managed-by'], 'flotilla');
      // The clusters without a context fail over on the first pass, so the frontend's 6 replicas are all on the members.
      const frontend = await Promise.all(
        memberNames.map(async (m) =>
          Number((await getJson(m, 'deployment', 'frontend', '-n', 'shop'))?.['spec']?.['replicas']),
        ),
      );
      assert.equal(
        frontend.reduce((a, b) => a + b, 0),
        6,
        `frontend replicas on member1..3: ${frontend.join('/')}`,
      );
      // The revision is recorded; its first record carries the failover decisions of the same pass.
      const source = (await gitCli(bare, 'rev-parse', 'refs/heads/main')).trim();
      await eventually(
        `a status commit for ${source.slice(0, 7)}`,
        120_000,
        async () => (await statusCommit(source, 'plan')()) ?? (await statusCommit(source, 'failover')()),
      ).catch(fail);
    });

    it("fails over the example fleet's clusters without a context (unreachable): a failover commit on flotilla-status names them, and only them", async () => {
      const p = leader();
      const fail = (err: unknown) => assert.fail(`${String(err)}\n${tail(p)}`);
      const failovers = await eventually('a failover commit on flotilla-status', 120_000, async () => {
        const f = (await statusCommits()).filter((m) => m.split('\n').includes('Flotilla-Decision: failover'));
        return f.length > 0 ? f : undefined;
      }).catch(fail);
      // One decision: "flotilla: failover C (...)"; several: one "failover C (...)" line each in the body.
      const named = [
        ...new Set(
          failovers.flatMap((m) =>
            [...m.matchAll(/^(?:flotilla: )?failover (\S+) \((?:not ready|unreachable) since /gm)].map(
              (x) => x[1] ?? '',
            ),
          ),
        ),
      ].toSorted();
      assert.deepEqual(
        named,
        [...unmapped],
        `the failover commits name the clusters without a context:\n${failovers.join('\n---\n')}`,
      );
      const decidedNow = () =>
        [
          ...new Set(
            logLines(p)
              .filter((l) => l.msg === 'failover decision' && l['decision'] === 'failover')
              .map((l) => String(l['cluster'])),
          ),
        ].toSorted();
      // The log line is written before the commit, but reaches this process through a pipe: await it.
      const decided = await eventually('the failover decisions in the log', 120_000, async () =>
        unmapped.every((c) => decidedNow().includes(c)) ? decidedNow() : undefined,
      ).catch(fail);
      assert.deepEqual(decided, [...unmapped], 'failover decisions in the log');
      for (const c of unmapped) {
        const state = await gitCli(bare, 'show', `refs/heads/flotilla-status:clusters/${c}.yaml`);
        assert.match(
          state,
          /cluster\.karmada\.io\/not-ready/,
          `clusters/${c}.yaml on flotilla-status has the not-ready taint:\n${state}`,
        );
      }
    });

    it("serves /healthz, /readyz and /metrics with flotilla_leader 1 on the chart's port, moved", async () => {
      leader();
      for (const probe of ['/healthz', '/readyz'])
        assert.equal((await fetch(`http://${listen}${probe}`)).status, 200, probe);
      const metrics = await fetch(`http://${listen}/metrics`);
      assert.equal(metrics.status, 200);
      assert.match(await metrics.text(), /^flotilla_leader 1$/m);
    });

    it('POST /webhook, signed with the secret the chart wires in, triggers a pass for the pushed commit; a wrong signature is refused', async () => {
      const p = leader();
      const file = path.join(work, 'apps', 'catalog', 'catalog.yaml');
      const ttl = String(1000 + (process.pid % 9000));
      const original = fs.readFileSync(file, 'utf8');
      const changed = original.replace(/CACHE_TTL: "300"$/m, `CACHE_TTL: "${ttl}"`);
      assert.notEqual(changed, original, 'the catalog ConfigMap of the example fleet sets CACHE_TTL "300"');
      fs.writeFileSync(file, changed);
      const sha = await commitAndPush(work, `catalog-config: CACHE_TTL ${ttl}`);
      const body = Buffer.from(JSON.stringify({ ref: 'refs/heads/main', after: sha }));
      const post = (secret: string) =>
        fetch(`http://${listen}/webhook`, {
          method: 'POST',
          body,
          headers: {
            'content-type': 'application/json',
            'x-github-event': 'push',
            'x-github-delivery': randomUUID(),
            'x-hub-signature-256': `sha256=${signHex(body, secret)}`,
          },
        });
      assert.equal((await post('not-the-secret')).status, 401);
      assert.equal((await post(webhookSecret)).status, 202);
      await eventually('a pass by the webhook', 120_000, async () =>
        logLines(p).some(
          (l) =>
            l.msg === 'pass done' &&
            String(l['by'])
              .split(',')
              .includes(`webhook:github:${sha.slice(0, 12)}`),
        )
          ? true
          : undefined,
      ).catch((err: unknown) => assert.fail(`${String(err)}\n${tail(p)}`));
      await eventually('the new CACHE_TTL in catalog-config on member1..3', 120_000, async () => {
        const t = await Promise.all(
          memberNames.map(
            async (m) =>
              (await getJson(m, 'configmap', 'catalog-config', '-n', 'shop'))?.['data']?.['CACHE_TTL'] as
                | string
                | undefined,
          ),
        );
        return t.every((x) => x === ttl) ? true : undefined;
      }).catch((err: unknown) => assert.fail(`${String(err)}\n${tail(p)}`));
      assert.ok(logLines(p).some((l) => l.msg === 'webhook rejected' && l['status'] === 401));
      // The pushed revision is planned with no new failover decision: a plan commit on flotilla-status.
      await eventually(
        `a plan commit for ${sha.slice(0, 7)} on flotilla-status`,
        120_000,
        statusCommit(sha, 'plan'),
      ).catch((err: unknown) => assert.fail(`${String(err)}\n${tail(p)}`));
    });

    it('SIGTERM: exit code 0, the Lease is released, and no pass or Lease call failed on the way', async () => {
      const p = leader();
      p.child.kill('SIGTERM');
      const code = await Promise.race([
        p.exited,
        new Promise<string>((r) => setTimeout(() => r('still running after 60s'), 60_000)),
      ]);
      assert.equal(code, 0, tail(p));
      assert.ok(logLines(p).some((l) => l.msg === 'controller stopped'));
      assert.equal((await lease())?.['spec']?.['holderIdentity'] ?? '', '');
      const failures = logLines(p).filter((l) => /failed|lost leadership/.test(l.msg ?? ''));
      assert.deepEqual(failures, [], 'failures in the log');
    });
  },
);

function signHex(body: Buffer, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}
