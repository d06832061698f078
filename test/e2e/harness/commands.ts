// Command lines of the processes of one control plane. Every listener is on
// 127.0.0.1; the controller-manager and scheduler serve nothing at all.
import path from 'node:path';
import { frontProxyName } from './aggregation-pki.ts';
import type { Pki } from './pki.ts';
import type { ClusterRecord, Component } from './state.ts';

/** What a command line needs besides the cluster record. */
export interface CommandContext {
  readonly binDir: string;
  readonly kwokStages: string;
  readonly stateDir: string;
  readonly pki: Pki;
  /** The metrics-server binary, once `clusters metrics` ran. */
  readonly metricsServer?: string;
}

/** A process to start. */
export interface Command {
  readonly binary: string;
  readonly args: ReadonlyArray<string>;
}

/** Service and pod ranges are only allocation tables here: no traffic is ever routed to them. */
const serviceClusterIpRange = '10.96.0.0/16';
const podCidr = '10.244.0.0/16';

/** Directory of one cluster's data, logs and kubeconfig. */
export function clusterDir(stateDir: string, name: string): string {
  return path.join(stateDir, name);
}

/** The kubeconfig a cluster's own components use. */
export function componentKubeconfig(stateDir: string, name: string): string {
  return path.join(clusterDir(stateDir, name), 'admin.kubeconfig');
}

/** URL of a cluster's apiserver. */
export function serverUrl(c: ClusterRecord): string {
  return `https://127.0.0.1:${c.apiserverPort}`;
}

function etcd(c: ClusterRecord, ctx: CommandContext): string[] {
  const client = `http://127.0.0.1:${c.etcdClientPort}`;
  const peer = `http://127.0.0.1:${c.etcdPeerPort}`;
  return [
    `--name=${c.name}`,
    `--data-dir=${path.join(clusterDir(ctx.stateDir, c.name), 'etcd')}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=${c.name}=${peer}`,
    // Test data: durability is not worth an fsync per write.
    '--unsafe-no-fsync=true',
    '--log-level=warn',
  ];
}

function kubeApiserver(c: ClusterRecord, ctx: CommandContext): string[] {
  const { pki } = ctx;
  return [
    `--etcd-servers=http://127.0.0.1:${c.etcdClientPort}`,
    '--bind-address=127.0.0.1',
    '--advertise-address=127.0.0.1',
    `--secure-port=${c.apiserverPort}`,
    `--cert-dir=${path.join(clusterDir(ctx.stateDir, c.name), 'apiserver-certs')}`,
    `--tls-cert-file=${pki.serverCert}`,
    `--tls-private-key-file=${pki.serverKey}`,
    `--client-ca-file=${pki.caCert}`,
    `--token-auth-file=${pki.tokenFile}`,
    '--authorization-mode=RBAC',
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-key-file=${pki.saPub}`,
    `--service-account-signing-key-file=${pki.saKey}`,
    `--service-cluster-ip-range=${serviceClusterIpRange}`,
    // The "kubernetes" Service would get a loopback endpoint, which
    // Endpoints validation rejects; nothing here needs it.
    '--endpoint-reconciler-type=none',
    '--allow-privileged=true',
    '--profiling=false',
    '--event-ttl=15m',
    // API aggregation (metrics.k8s.io): the client certificate the apiserver proxies with, and
    // the request-header authentication that an aggregated server reads from kube-system's
    // extension-apiserver-authentication ConfigMap.
    `--proxy-client-cert-file=${pki.frontProxyCert}`,
    `--proxy-client-key-file=${pki.frontProxyKey}`,
    `--requestheader-client-ca-file=${pki.caCert}`,
    `--requestheader-allowed-names=${frontProxyName}`,
    '--requestheader-username-headers=X-Remote-User',
    '--requestheader-group-headers=X-Remote-Group',
    '--requestheader-extra-headers-prefix=X-Remote-Extra-',
  ];
}

function kubeControllerManager(c: ClusterRecord, ctx: CommandContext): string[] {
  return [
    `--kubeconfig=${componentKubeconfig(ctx.stateDir, c.name)}`,
    '--secure-port=0',
    '--leader-elect=false',
    `--cluster-name=${c.name}`,
    `--service-account-private-key-file=${ctx.pki.saKey}`,
    `--root-ca-file=${ctx.pki.caCert}`,
    `--service-cluster-ip-range=${serviceClusterIpRange}`,
    '--use-service-account-credentials=false',
    // Faster than the defaults so that fault tests see a NotReady node soon.
    '--node-monitor-period=5s',
  ];
}

function kubeScheduler(c: ClusterRecord, ctx: CommandContext): string[] {
  return [`--kubeconfig=${componentKubeconfig(ctx.stateDir, c.name)}`, '--secure-port=0', '--leader-elect=false'];
}

function kwok(c: ClusterRecord, ctx: CommandContext): string[] {
  return [
    `--kubeconfig=${componentKubeconfig(ctx.stateDir, c.name)}`,
    `--config=${ctx.kwokStages}`,
    // Only the Nodes the harness creates, marked with this annotation.
    '--manage-all-nodes=false',
    '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
    '--node-lease-duration-seconds=40',
    '--node-ip=127.0.0.1',
    `--cidr=${podCidr}`,
    ...(c.metrics === undefined ? [] : kwokMetricsArgs(c.metrics.kwokPort, ctx)),
  ];
}

/**
 * kwok as the members' kubelet for metrics-server: it serves `/metrics/nodes/<node>/metrics/resource`
 * (its Metric object) over TLS on `port` (the node's kubelet port), computing usage from the
 * ResourceUsage and ClusterResourceUsage objects it watches.
 */
function kwokMetricsArgs(port: number, ctx: CommandContext): string[] {
  return [
    `--server-address=127.0.0.1:${port}`,
    `--node-port=${port}`,
    `--tls-cert-file=${ctx.pki.serverCert}`,
    `--tls-private-key-file=${ctx.pki.serverKey}`,
    `--enable-crds=${kwokMetricsCrds.join(',')}`,
  ];
}

/** The kwok kinds `clusters metrics` installs and kwok then watches. */
export const kwokMetricsCrds = ['Metric', 'ClusterResourceUsage', 'ResourceUsage'] as const;

/** How often metrics-server scrapes (its minimum). */
export const metricResolution = '10s';

function metricsServer(c: ClusterRecord, ctx: CommandContext): string[] {
  if (c.metrics === undefined) throw new Error(`${c.name} has no metrics ports (run \`clusters metrics\`)`);
  const kubeconfig = componentKubeconfig(ctx.stateDir, c.name);
  return [
    '--bind-address=127.0.0.1',
    `--secure-port=${c.metrics.metricsServerPort}`,
    `--tls-cert-file=${ctx.pki.metricsServerCert}`,
    `--tls-private-key-file=${ctx.pki.metricsServerKey}`,
    `--kubeconfig=${kubeconfig}`,
    `--authentication-kubeconfig=${kubeconfig}`,
    `--authorization-kubeconfig=${kubeconfig}`,
    // The "kubelet" is kwok: every node is 127.0.0.1 at kwok's port, serving the harness's certificate.
    '--kubelet-preferred-address-types=InternalIP',
    '--kubelet-use-node-status-port',
    `--kubelet-certificate-authority=${ctx.pki.caCert}`,
    `--metric-resolution=${metricResolution}`,
    // It must be below the resolution (its default, 10 s, is not).
    '--kubelet-request-timeout=5s',
  ];
}

const argsOf: Readonly<Record<Component, (c: ClusterRecord, ctx: CommandContext) => string[]>> = {
  etcd: etcd,
  'kube-apiserver': kubeApiserver,
  'kube-controller-manager': kubeControllerManager,
  'kube-scheduler': kubeScheduler,
  kwok: kwok,
  'metrics-server': metricsServer,
};

/** The command that runs `component` of cluster `c`. */
export function commandFor(component: Component, c: ClusterRecord, ctx: CommandContext): Command {
  const binary = component === 'metrics-server' ? ctx.metricsServer : path.join(ctx.binDir, component);
  if (binary === undefined) throw new Error('metrics-server is not built (run `clusters metrics`)');
  return { binary, args: argsOf[component](c, ctx) };
}
