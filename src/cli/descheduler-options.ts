/** `flotilla controller`'s descheduler flags: Karmada karmada-descheduler's names and defaults (cmd/descheduler/app/options). */
import { DeschedulerClock } from '../controller/descheduler-clock.ts';
import { duration, type Values } from './controller-options.ts';

/** --descheduler, --descheduling-interval (2m), --unschedulable-threshold (5m). */
export const deschedulerOptions = {
  descheduler: { type: 'boolean', default: false },
  'descheduling-interval': { type: 'string', default: '2m' },
  'unschedulable-threshold': { type: 'string', default: '5m' },
} as const;

/** The descheduler's clock when --descheduler is on (the durations are checked either way). */
export function deschedulerFrom(values: Values): DeschedulerClock | undefined {
  const interval = duration(values, 'descheduling-interval');
  const threshold = duration(values, 'unschedulable-threshold');
  return values['descheduler'] === true ? new DeschedulerClock(interval, threshold / 1000) : undefined;
}
