/** The public surface of src/promote: live member objects → fleet repo templates and the policy that adopts them. */
export { secretWithoutValues, templateFromLive } from './live-template.ts';
export { promotionPolicy } from './promotion-policy.ts';
export { dropServerDefaults } from './server-defaults.ts';
