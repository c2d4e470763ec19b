/**
 * What every handler of the claims plugin shares: the backend client and the options.
 */
import type { ClaimsClient } from './backend.js';
import type { ClaimsOptions } from './options.js';

/** The plugin instance's environment. */
export interface ClaimsEnv {
  readonly client: ClaimsClient;
  readonly options: ClaimsOptions;
}
