/**
 * Every schema change, in order. To add one: write `NNNN_name.ts` exporting a `Migration`
 * with the next version number, and append it here. Never edit or reorder an applied one.
 */
import type { Migration } from '../types.js';
import { resources } from './0001_resources.js';
import { audit } from './0002_audit.js';
import { bulkExports } from './0003_bulk_exports.js';

/** The migrations this build of the gateway knows, by ascending version. */
export const migrations: readonly Migration[] = [resources, audit, bulkExports];
