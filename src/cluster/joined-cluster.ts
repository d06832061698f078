/**
 * `flotilla join`'s decision: the Cluster object a member's observation and Nodes describe
 * (karmadactl join registers a Cluster; flotilla writes it to git instead). Pure: the shell
 * observes (observe-member.ts) and writes the file.
 * - provider: the scheme of the Nodes' `spec.providerID` (`aws:///eu-west-1a/i-0abc` → aws), as
 *   cloud controller managers set it;
 * - region: the Nodes' `topology.kubernetes.io/region` label (or its deprecated beta spelling),
 *   when all labelled Nodes agree;
 * - zones: every distinct `topology.kubernetes.io/zone`, sorted (Karmada's spec.zones);
 * - status: kubernetesVersion, apiEnablements and resourceSummary, as Karmada's cluster status
 *   controller reports them, so the scheduler's API-enablement filter is strict from the first plan.
 */
import { clusterApiVersion, compareStrings, type Cluster, type ClusterSpec, type ClusterStatus } from '../api/index.ts';
import type { Observation } from './cluster-status.ts';
import { fieldAt } from './field-at.ts';

/** The well-known Node labels (k8s.io/api/core/v1 well_known_labels.go), the GA spelling first. */
const regionLabels = ['topology.kubernetes.io/region', 'failure-domain.beta.kubernetes.io/region'];
const zoneLabels = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone'];

/** A Cluster to write, what was found (one line each) and what could not be determined (with why). */
export interface JoinedCluster {
  readonly cluster: Cluster;
  readonly found: readonly string[];
  readonly undetermined: readonly string[];
}

/** The observation of a reachable member. */
export type ReachableObservation = Observation & { readonly kind: 'reachable' };

/** The Cluster object for `name` from what was observed on the member and its Nodes. */
export function joinedCluster(name: string, o: ReachableObservation, nodes: readonly unknown[]): JoinedCluster {
  const found: string[] = [];
  const undetermined: string[] = [];
  const provider = providerOfNodes(nodes);
  if (provider.kind === 'one')
    found.push(`provider: ${provider.value} (from spec.providerID of ${provider.count} node(s))`);
  else undetermined.push(`provider: ${provider.why}`);
  const region = labelOfNodes(nodes, regionLabels);
  if (region.kind === 'one')
    found.push(`region: ${region.value} (label topology.kubernetes.io/region on ${region.count} node(s))`);
  else undetermined.push(`region: ${region.why}`);
  const zones = zonesOfNodes(nodes);
  if (zones.length) found.push(`zones: ${zones.join(', ')} (label topology.kubernetes.io/zone)`);
  else undetermined.push('zones: no node has the label topology.kubernetes.io/zone');
  found.push(`kubernetes version: ${o.kubernetesVersion || 'unknown'}`);
  found.push(
    `served APIs: ${o.apiEnablements.length} group version(s)${o.apiEnablementsComplete ? '' : ' (partial: some groups failed discovery)'}`,
  );
  if (!o.apiEnablementsComplete)
    undetermined.push('apiEnablements: some API groups failed discovery; the list written is partial');
  const alloc = o.resourceSummary?.allocatable;
  if (alloc)
    found.push(
      `allocatable: ${Object.keys(alloc)
        .sort(compareStrings)
        .map((k) => `${k} ${String(alloc[k])}`)
        .join(', ')} on ${nodes.length} node(s)`,
    );
  else undetermined.push('resourceSummary: the member has no Nodes with allocatable resources');
  if (!o.healthy) undetermined.push('health: the member answered, but /readyz did not say ok');
  const spec: ClusterSpec = {
    syncMode: 'Push',
    ...(provider.kind === 'one' ? { provider: provider.value } : {}),
    ...(region.kind === 'one' ? { region: region.value } : {}),
    ...(zones.length ? { zones } : {}),
  };
  const status: ClusterStatus = {
    ...(o.kubernetesVersion ? { kubernetesVersion: o.kubernetesVersion } : {}),
    apiEnablements: o.apiEnablements,
    ...(o.resourceSummary ? { resourceSummary: o.resourceSummary } : {}),
  };
  return {
    cluster: { apiVersion: clusterApiVersion, kind: 'Cluster', metadata: { name }, spec, status },
    found,
    undetermined,
  };
}

type Agreement =
  | { readonly kind: 'one'; readonly value: string; readonly count: number }
  | { readonly kind: 'none'; readonly why: string };

/** The cloud provider a Node's spec.providerID names: its URI scheme (`gce://p/z/n` → gce). */
export function providerOf(providerID: unknown): string | undefined {
  if (typeof providerID !== 'string') return undefined;
  const m = /^([a-z][a-z0-9+.-]*):\/\//i.exec(providerID);
  return m?.[1]?.toLowerCase();
}

function providerOfNodes(nodes: readonly unknown[]): Agreement {
  const values = nodes.map((n) => providerOf(fieldAt(n, 'spec', 'providerID'))).filter((v) => v !== undefined);
  return agree(values, 'no node has spec.providerID', 'nodes disagree on spec.providerID');
}

function labelOfNodes(nodes: readonly unknown[], labels: readonly string[]): Agreement {
  const values = nodes.map((n) => labelOf(n, labels)).filter((v) => v !== undefined);
  return agree(values, `no node has the label ${labels[0] ?? ''}`, `nodes disagree on the label ${labels[0] ?? ''}`);
}

function zonesOfNodes(nodes: readonly unknown[]): string[] {
  return [...new Set(nodes.map((n) => labelOf(n, zoneLabels)).filter((v) => v !== undefined))].sort(compareStrings);
}

function labelOf(node: unknown, labels: readonly string[]): string | undefined {
  for (const l of labels) {
    const v = fieldAt(node, 'metadata', 'labels', l);
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

function agree(values: readonly string[], none: string, many: string): Agreement {
  const distinct = [...new Set(values)].sort(compareStrings);
  if (distinct.length === 0) return { kind: 'none', why: none };
  if (distinct.length > 1) return { kind: 'none', why: `${many} (${distinct.join(', ')})` };
  return { kind: 'one', value: distinct[0] ?? '', count: values.length };
}
