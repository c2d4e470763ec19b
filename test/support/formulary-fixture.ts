/**
 * Shared test fixture for the formulary plugin's tests and the USDF conformance suite: a
 * real formulary backend on an ephemeral loopback port, the plugin over it, the gateway over
 * the plugin, and anonymous (no token) FHIR searches through the gateway.
 */
import type { Bundle, Resource } from '@medplum/fhirtypes';
import request from 'supertest';
import {
  startFormularyBackend,
  type RunningFormularyBackend,
} from '../../mock-backends/formulary/index.js';
import { buildTestGateway, type TestGateway } from './gateway.js';
import type { Plugin } from '../../plugins/sdk/contract.js';
import { testPluginContext, testRequestContext } from '../../plugins/sdk/testing.js';
import createFormularyPlugin from '../../plugins/formulary/index.js';

/** A running backend, the plugin and the gateway. */
export interface FormularyFixture {
  readonly backend: RunningFormularyBackend;
  readonly plugin: Plugin;
  readonly gw: TestGateway;
  /** An anonymous search through the gateway: the Bundle (status 200 asserted). */
  search(type: string, query: string): Promise<Bundle>;
  /** The resources of an anonymous search, matches and includes alike. */
  find<T extends Resource = Resource>(type: string, query: string): Promise<T[]>;
  close(): Promise<void>;
}

/** Starts the backend, the plugin (extra `plugins` first) and the gateway. */
export async function startFormularyFixture(plugins: Plugin[] = []): Promise<FormularyFixture> {
  const backend = await startFormularyBackend({ validateResponses: true });
  const plugin = await createFormularyPlugin(
    { baseUrl: backend.url },
    testPluginContext({ timeoutMs: 15_000, retries: 1 }),
  );
  const gw = await buildTestGateway([...plugins, plugin], undefined, {
    anonymousPerMinute: 100_000,
  });
  const search = async (type: string, query: string): Promise<Bundle> => {
    const res = await request(gw.app).get(`${gw.base}/${type}?${query}`).expect(200);
    return res.body as Bundle;
  };
  const find = async <T extends Resource>(type: string, query: string): Promise<T[]> =>
    ((await search(type, query)).entry ?? []).map((e) => e.resource as T);
  const close = async () => {
    await gw.close();
    await backend.close();
  };
  return { backend, plugin, gw, search, find, close };
}

/** Every resource of a type, by streaming the plugin. */
export async function streamOf<T extends Resource>(plugin: Plugin, type: string): Promise<T[]> {
  const resources: T[] = [];
  for await (const item of plugin.stream?.({ types: [type] }, testRequestContext()) ?? []) {
    resources.push(item.resource as T);
  }
  return resources;
}

/** The value of the first extension with this URL suffix. */
export function extensionOf<T extends { extension?: { url: string }[] }>(
  resource: T,
  suffix: string,
): NonNullable<T['extension']>[number] | undefined {
  return resource.extension?.find((e) => e.url.endsWith(`/${suffix}`));
}
