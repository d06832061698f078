/** `flotilla controller --help` (K6) around its generated Options section, kept apart so the command module stays about behaviour. */
/** The help up to the Options section. */
export const controllerAbout = `Run flotilla as a long-running controller: follow a fleet repo branch, plan each revision
with the members' observed status, apply it with server-side apply, watch cluster health, fail
over when a member goes down, and record every decision as a commit on the status branch.

Usage: flotilla controller [--repo URL|DIR] [options]

Each pass (every --interval, on the poll schedule, and on push webhooks) reads the source branch
tip and the status branch, probes every member (reachability, /readyz, capacity, APIs), updates
each cluster's Ready condition and controller taints (cluster.karmada.io/not-ready and
/unreachable: NoSchedule after --cluster-failure-threshold, NoExecute after
--failover-eviction-timeout), evicts bindings that do not tolerate a NoExecute taint, and bindings whose workload has been
unhealthy past failover.application's tolerationSeconds (the old copy stays, never pruned,
until the replacement is healthy or the grace period ends), plans
with the taints and eviction tasks, applies to the reachable members, reads back each
workload's health, and commits the status branch (clusters/, bindings/, revision.yaml) only when
something changed, with trailers Flotilla-Source and Flotilla-Decision: plan (or invalid) for
a revision, and one of failover, recover, evict, purge for each kind of failover decision the
pass made. An invalid head revision is recorded and never applied: the last
good revision stays in force and keeps failing over.

Multi-cluster services: after applying, each pass copies the EndpointSlices of the clusters a
ServiceExport (or a MultiClusterService's providerClusters) is placed on into the clusters a
ServiceImport (or its consumerClusters) is placed on, as Karmada does (derived-<name>,
imported-<cluster>-<slice>, <cluster>-<slice>); endpoints never go to git, services/ on the
status branch records each service's providers, endpoint counts and consumers. Shard 0 does it
for every member. See docs/multi-cluster-services.md.

Git outages: while the git remote cannot be reached, passes go on with the last fetched
revision (drift correction, health, failover), status and rendered commits are kept in the
cache (refs/flotilla/pending/<branch>) and pushed, each once, when the remote answers again.
Fetches and pushes are retried after 5 s, doubling up to --git-backoff-max, and each failure is
logged as an error. Two controllers writing the same status branch (no --leader-elect) are
reported as an error and in flotilla_status_concurrent_writer; a decision the branch already
records is never committed again, and times it records never move.

Credentials: members through kubeconfig contexts named after the clusters (--kubeconfig,
KUBECONFIG, --context-map), or, in a cluster (no kubeconfig), through the Secrets named by
Cluster.spec.secretRef in the hub. Git: FLOTILLA_GIT_USERNAME + FLOTILLA_GIT_PASSWORD or
FLOTILLA_GIT_TOKEN, or --git-credentials-file. Webhook secret: FLOTILLA_WEBHOOK_SECRET or
--webhook-secret-file (without one, /webhook is not served).

With --leader-elect=true only the holder of the coordination.k8s.io Lease
<lease-namespace>/<lease-name> in the hub acts; a standby takes over once the holder has not
renewed for --lease-duration. SIGTERM lets the running pass finish, then releases the Lease.

Sharding (--shards N --shard I, one Lease per shard): the member clusters are split across N
shards by rendezvous hashing of their names; each shard applies to and observes only its own.
Shard 0 is the decider: it plans, fails over and writes the rendered and status branches for
the whole fleet. Shards 1..N-1 apply the rendered branch to their clusters and report each
cluster's health, capacity and workload health in observations/<cluster>.yaml on the status
branch (on change, and as a heartbeat every half monitor grace period); a shard that stops
reporting makes its clusters stale, Unknown, and failed over. See docs/scaling.md.

HTTP (--listen): GET /healthz, GET /readyz, GET /metrics (Prometheus), POST /webhook.
Logs: on stderr, levelled (--log-level), as pino JSON lines or key=value text (--log-format),
with revision and cluster fields; failures are logged at level error.

To confirm one revision the mass-prune guard holds, run \`flotilla reconcile --once --kubeconfig ...
--allow-mass-prune\` rather than giving the controller --allow-mass-prune.`;

/** The help after the Options section. */
export const controllerFooter = `Exit status:
  0  stopped by SIGTERM or SIGINT
  2  usage error, or the repo or kubeconfig could not be read

Examples:
  # Run against a local kubeconfig whose contexts are the fleet's cluster names
  flotilla controller --repo https://git.example.com/fleet.git --kubeconfig ~/.kube/fleet.yaml

  # Two replicas in a cluster, leader-elected, failing over within a minute
  flotilla controller --repo https://git.example.com/fleet.git --leader-elect=true \\
    --cluster-failure-threshold 10s --failover-eviction-timeout 30s --graceful-eviction-timeout 2m
`;
