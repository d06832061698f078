/** Failures of the long-running controller (STYLE E5). */
import { FlotillaError } from '../api/index.ts';

/** The last good revision no longer plans (an override that fails on a newly observed cluster): nothing is applied. */
export class RevisionInForceInvalid extends FlotillaError<{ revision: string; errors: readonly string[] }> {}

/** The coordination Lease could not be read or written in the hub cluster. */
export class LeaseUnavailable extends FlotillaError<{ namespace: string; name: string }> {}
