/**
 * A fixture fleet in a real git repository, built by the test with the `git` CLI in a temp dir
 * (STYLE Q2: builders, not inline YAML). Three clusters, a Divided policy with static weights,
 * a Duplicated policy for Services, two apps.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import YAML from 'yaml';

/** A Karmada Cluster with region/provider fields and labels, Ready, with capacity. */
export function cluster(name: string, region: string, provider = 'aws'): object {
  return {
    apiVersion: 'cluster.karmada.io/v1alpha1',
    kind: 'Cluster',
    metadata: { name, labels: { environment: 'production', region } },
    spec: { syncMode: 'Push', apiEndpoint: `https://${name}.example.com:6443`, provider, region },
    status: {
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'ClusterReady',
          message: 'ready',
          lastTransitionTime: '2026-01-01T00:00:00Z',
        },
      ],
      resourceSummary: {
        allocatable: { cpu: '64', memory: '256Gi', pods: '500' },
        allocated: { cpu: '0', memory: '0', pods: '0' },
      },
    },
  };
}

/** A PropagationPolicy dividing the Deployments labelled `tier: web` of `shop` by static weights per cluster name. */
export function weightedPolicy(weights: Readonly<Record<string, number>>, name = 'web-spread'): object {
  return {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'PropagationPolicy',
    metadata: { name, namespace: 'shop' },
    spec: {
      resourceSelectors: [
        { apiVersion: 'apps/v1', kind: 'Deployment', labelSelector: { matchLabels: { tier: 'web' } } },
      ],
      placement: {
        clusterAffinity: { labelSelector: { matchLabels: { environment: 'production' } } },
        replicaScheduling: {
          replicaSchedulingType: 'Divided',
          replicaDivisionPreference: 'Weighted',
          weightPreference: {
            staticWeightList: Object.entries(weights).map(([c, weight]) => ({
              targetCluster: { clusterNames: [c] },
              weight,
            })),
          },
        },
      },
    },
  };
}

/** A PropagationPolicy that duplicates the Services of `shop` to the named clusters. */
export function servicePolicy(clusters: readonly string[]): object {
  return {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'PropagationPolicy',
    metadata: { name: 'services', namespace: 'shop' },
    spec: {
      resourceSelectors: [{ apiVersion: 'v1', kind: 'Service' }],
      placement: { clusterAffinity: { clusterNames: clusters } },
    },
  };
}

/** An OverridePolicy replacing the image registry of Deployment `app` on one cluster. */
export function registryOverride(app: string, clusterName: string, registry: string): object {
  return {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'OverridePolicy',
    metadata: { name: `${app}-registry`, namespace: 'shop' },
    spec: {
      resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: app }],
      overrideRules: [
        {
          targetCluster: { clusterNames: [clusterName] },
          overriders: { imageOverrider: [{ component: 'Registry', operator: 'replace', value: registry }] },
        },
      ],
    },
  };
}

/** A Deployment of `shop` with the `tier: web` label. */
export function deployment(name: string, replicas: number, image: string): object {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop', labels: { app: name, tier: 'web' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: name, image, resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
      },
    },
  };
}

/** A Service of `shop`. */
export function service(name: string): object {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'shop' },
    spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] },
  };
}

/** Objects as a multi-document YAML file. */
export function toYaml(objects: readonly object[]): string {
  return objects.map((o) => YAML.stringify(o)).join('---\n');
}

/** A git repository in a temp dir; remove() on every path (Q7). */
export interface FleetRepo {
  readonly dir: string;
  /** Writes `files` (path → objects as YAML documents, or raw text; null deletes) and commits; returns the sha. */
  commit(message: string, files: Readonly<Record<string, readonly object[] | string | null>>): string;
  git(...args: string[]): string;
  remove(): void;
}

/** Creates an empty repository on branch main. */
export function createFleetRepo(): FleetRepo {
  const dir = mkdtempSync(path.join(tmpdir(), 'flotilla-diff-'));
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.com',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.com',
      },
    }).trim();
  git('init', '-q', '-b', 'main');
  return {
    dir,
    git,
    commit(message, files) {
      for (const [file, content] of Object.entries(files)) {
        const full = path.join(dir, file);
        if (content === null) {
          rmSync(full, { force: true });
          continue;
        }
        mkdirSync(path.dirname(full), { recursive: true });
        writeFileSync(full, typeof content === 'string' ? content : toYaml(content));
      }
      git('add', '-A');
      git('commit', '-q', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD');
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The base fleet: eu-1, us-1 (and ap-1 only where asked), web (6) and api (4) split 1:1, Services on eu-1 and us-1. */
export function baseFleet(): Record<string, readonly object[]> {
  return {
    'clusters/eu-1.yaml': [cluster('eu-1', 'eu-west')],
    'clusters/us-1.yaml': [cluster('us-1', 'us-east')],
    'policies/web-spread.yaml': [weightedPolicy({ 'eu-1': 1, 'us-1': 1 })],
    'policies/services.yaml': [servicePolicy(['eu-1', 'us-1'])],
    'apps/web.yaml': [deployment('web', 6, 'registry.example.com/shop/web:1.0'), service('web')],
    'apps/api.yaml': [deployment('api', 4, 'registry.example.com/shop/api:2.1')],
  };
}
