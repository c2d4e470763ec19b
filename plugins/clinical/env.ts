/**
 * What every handler of the clinical plugin shares: the backend client and the options.
 */
import type { ClinicalClient } from './backend.js';
import type { ClinicalOptions } from './options.js';

/** The plugin instance's environment. */
export interface ClinicalEnv {
  readonly client: ClinicalClient;
  readonly options: ClinicalOptions;
}
