/** The public surface of src/source: reading fleet snapshots from disk and git. */
export { readDirectory, RepoUnreadable } from './directory.ts';
export { readRevision, repoRevision, type RevisionSource } from './read-revision.ts';
export { workingTreeLabel, workingTreePrefix } from './revision-label.ts';
export { isRemoteUrl, openSource, type FleetSource, type SourceOptions } from './fleet-source.ts';
export { assertSchedule, startPoll, type Trigger } from './poll.ts';
export { createTriggerQueue, type TriggerQueue } from './trigger-queue.ts';
export { defaultDebounceMs, startWatch, watchPaths } from './watch.ts';
export {
  rememberedDeliveries,
  startWebhook,
  WebhookListenFailed,
  type WebhookOptions,
  type WebhookServer,
} from './webhook.ts';
export {
  maxWebhookBytes,
  signBody,
  verifyWebhook,
  type Provider,
  type PushEvent,
  type WebhookVerdict,
} from './webhook-verify.ts';
