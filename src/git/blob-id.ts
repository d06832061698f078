/** Git's object id of a blob, computed without writing it: lets flotilla compare content by oid. */
import { createHash } from 'node:crypto';

/** sha1 of `blob <length>\0<content>`, as `git hash-object` computes it. */
export function blobOid(content: Uint8Array): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}
