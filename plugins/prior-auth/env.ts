/**
 * What every handler of the prior-authorization plugin shares: the backend client and the
 * options.
 */
import type { UtilizationClient } from './backend.js';
import type { PriorAuthOptions } from './options.js';

/** The plugin instance's environment. */
export interface PriorAuthEnv {
  readonly client: UtilizationClient;
  readonly options: PriorAuthOptions;
}
