/**
 * Shared test fixture: a real directory backend on an ephemeral loopback port and the plugin
 * over it, for the directory, formulary, search and conformance tests.
 */
import {
  startDirectoryBackend,
  type RunningDirectoryBackend,
} from '../../mock-backends/directory/index.js';
import type { Plugin, Resource } from '../../plugins/sdk/contract.js';
import { testPluginContext, testRequestContext } from '../../plugins/sdk/testing.js';
import createDirectoryPlugin from '../../plugins/directory/index.js';

/** Every type the directory plugin serves (Plan-Net 1.1.0). */
export const DIRECTORY_TYPES = [
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'Location',
  'HealthcareService',
  'InsurancePlan',
  'Endpoint',
  'OrganizationAffiliation',
];

/** A running backend and the plugin over it. */
export interface DirectoryFixture {
  readonly backend: RunningDirectoryBackend;
  readonly plugin: Plugin;
  close(): Promise<void>;
}

/** Starts the backend (30 practitioners, seed 3) and the plugin. */
export async function startDirectoryFixture(): Promise<DirectoryFixture> {
  const backend = await startDirectoryBackend({ practitioners: 30, seed: 3 });
  const plugin = await createDirectoryPlugin(
    { baseUrl: backend.url },
    testPluginContext({ timeoutMs: 15_000 }),
  );
  return { backend, plugin, close: () => backend.close() };
}

/** Every resource of a type, by streaming. */
export async function allOf(plugin: Plugin, type: string): Promise<Resource[]> {
  const resources: Resource[] = [];
  if (!plugin.stream) return resources;
  for await (const item of plugin.stream({ types: [type] }, testRequestContext())) {
    resources.push(item.resource);
  }
  return resources;
}
