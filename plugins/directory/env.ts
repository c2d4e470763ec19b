/** What every handler of the directory plugin shares: the backend client and the options. */
import type { DirectoryClient } from './backend.js';
import type { DirectoryOptions } from './options.js';

/** The plugin instance's environment. */
export interface DirectoryEnv {
  readonly client: DirectoryClient;
  readonly options: DirectoryOptions;
}
