/** `flotilla controller`'s descheduler flags: Karmada karmada-descheduler's names and defaults (cmd/descheduler/app/options). */
import { DeschedulerClock } from '../controller/descheduler-clock.ts';
import { flag, type FlagValues } from './flags.ts';
import { duration } from './shared-flags.ts';

/** --descheduler, --descheduling-interval (2m), --unschedulable-threshold (5m). */
export const deschedulerFlags = {
  descheduler: flag.boolean('take unschedulable replicas of dynamically divided Deployments off their member'),
  'descheduling-interval': flag.parsed('DURATION', duration, 'how often the descheduler runs', { default: '2m' }),
  'unschedulable-threshold': flag.parsed('DURATION', duration, 'a pod Pending as Unschedulable this long counts', {
    default: '5m',
  }),
};

/** The descheduler's clock when --descheduler is on. */
export function deschedulerFrom(values: FlagValues<typeof deschedulerFlags>): DeschedulerClock | undefined {
  return values.descheduler
    ? new DeschedulerClock(values['descheduling-interval'], values['unschedulable-threshold'] / 1000)
    : undefined;
}
