/**
 * How a member is reached (DESIGN "Cluster credentials never live in git"):
 * 1. the kubeconfig context `--context-map` names for it, else the context named after the cluster;
 * 2. else, with a hub, the Secret `Cluster.spec.secretRef` names there (`token`, `caBundle`) and
 *    `spec.apiEndpoint`, as Karmada's cluster clients are built (pkg/util/membercluster_client.go).
 * Nothing here prints or returns a token; errors name the cluster and what is missing (E4).
 */
import { KubeConfig } from '@kubernetes/client-node';
import { UsageError, type Cluster } from '../api/index.ts';
import { CredentialsMissing } from './errors.ts';

/** The client library's kubeconfig, re-exported so no module outside src/cluster imports the library. */
export type { KubeConfig };

/** Fleet cluster name → kubeconfig context name, from `--context-map a=ctx1,b=ctx2`. */
export function parseContextMap(text: string | undefined): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  if (!text) return out;
  for (const pair of text.split(',')) {
    const [cluster = '', context = '', ...rest] = pair.split('=').map((s) => s.trim());
    if (!cluster || !context || rest.length) throw new UsageError(`--context-map: "${pair}" is not CLUSTER=CONTEXT`);
    if (out.has(cluster)) throw new UsageError(`--context-map: cluster "${cluster}" is mapped twice`);
    out.set(cluster, context);
  }
  return out;
}

/** Reads the kubeconfig: the `--kubeconfig` file, else the files of KUBECONFIG (colon-separated, merged). */
export function loadKubeConfig(
  file: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): KubeConfig {
  const files = file ? [file] : (env['KUBECONFIG'] ?? '').split(':').filter((f) => f !== '');
  if (!files.length) throw new UsageError('no kubeconfig: pass --kubeconfig FILE or set KUBECONFIG');
  const kc = new KubeConfig();
  for (const [i, f] of files.entries()) {
    try {
      if (i === 0) kc.loadFromFile(f);
      else {
        const more = new KubeConfig();
        more.loadFromFile(f);
        kc.mergeConfig(more, true);
      }
    } catch (err) {
      throw new UsageError(
        `cannot read kubeconfig ${f}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
      );
    }
  }
  return kc;
}

/** The pod's service account, for a controller running in the hub cluster (no kubeconfig file). */
export function inClusterKubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromCluster();
  return kc;
}

/** A KubeConfig of its own for one context (a client reads the current context at every request). */
export function kubeConfigForContext(kc: KubeConfig, context: string): KubeConfig | undefined {
  const ctx = kc.getContextObject(context);
  if (!ctx) return undefined;
  const out = new KubeConfig();
  out.loadFromOptions({
    clusters: kc.clusters.filter((c) => c.name === ctx.cluster),
    users: kc.users.filter((u) => u.name === ctx.user),
    contexts: [ctx],
    currentContext: context,
  });
  return out;
}

/** Reads a Secret's data from the hub (shell-provided), or undefined when it does not exist. */
export type SecretReader = (namespace: string, name: string) => Promise<Readonly<Record<string, string>> | undefined>;

/** Where the credentials come from. */
export interface CredentialSource {
  readonly kubeconfig?: KubeConfig;
  readonly contextMap: ReadonlyMap<string, string>;
  /** With a hub: reads Secrets there (data values base64, as the API returns them). */
  readonly hubSecrets?: SecretReader;
}

/** The KubeConfig that reaches a member, or CredentialsMissing saying what was looked for. */
export async function memberKubeConfig(cluster: Cluster, source: CredentialSource): Promise<KubeConfig> {
  const name = cluster.metadata.name ?? '';
  const mapped = source.contextMap.get(name);
  const context = mapped ?? name;
  const fromContext = source.kubeconfig ? kubeConfigForContext(source.kubeconfig, context) : undefined;
  if (fromContext) return fromContext;
  if (mapped !== undefined)
    throw new CredentialsMissing({
      cluster: name,
      detail: `--context-map names context "${mapped}", which the kubeconfig lacks`,
    });
  const ref = cluster.spec?.secretRef;
  if (source.hubSecrets && ref && cluster.spec?.apiEndpoint) return fromHubSecret(name, cluster, source.hubSecrets);
  const tried = [
    source.kubeconfig ? `no kubeconfig context "${context}"` : 'no kubeconfig',
    source.hubSecrets ? (ref ? 'no spec.apiEndpoint' : 'no spec.secretRef') : 'no hub',
  ];
  throw new CredentialsMissing({ cluster: name, detail: `${tried.join(', ')} (use --context-map ${name}=CONTEXT)` });
}

async function fromHubSecret(name: string, cluster: Cluster, read: SecretReader): Promise<KubeConfig> {
  const ref = cluster.spec?.secretRef ?? { namespace: '', name: '' };
  const data = await read(ref.namespace, ref.name);
  if (!data)
    throw new CredentialsMissing({
      cluster: name,
      detail: `Secret ${ref.namespace}/${ref.name} (spec.secretRef) not found in the hub`,
    });
  const token = data['token'] ? Buffer.from(data['token'], 'base64').toString('utf8').trim() : '';
  if (!token)
    throw new CredentialsMissing({ cluster: name, detail: `Secret ${ref.namespace}/${ref.name} has no token` });
  const insecure = cluster.spec?.insecureSkipTLSVerification === true;
  const caBundle = data['caBundle'];
  if (!caBundle && !insecure)
    throw new CredentialsMissing({
      cluster: name,
      detail: `Secret ${ref.namespace}/${ref.name} has no caBundle and spec.insecureSkipTLSVerification is not set`,
    });
  const kc = new KubeConfig();
  kc.loadFromClusterAndUser(
    {
      name,
      server: cluster.spec?.apiEndpoint ?? '',
      skipTLSVerify: insecure,
      ...(caBundle ? { caData: caBundle } : {}),
      ...(cluster.spec?.proxyURL ? { proxyUrl: cluster.spec.proxyURL } : {}),
    },
    { name: `${name}-token`, token },
  );
  return kc;
}
