/**
 * Builds and starts the gateway from configuration: the store, the plugins, the token
 * verifier (by discovery of the configured issuer) and the HTTP server. Returns a handle
 * that closes everything in order.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'winston';
import { createHttpClient } from '../plugins/sdk/http-client.js';
import { createApp, publicBaseUrl } from './app.js';
import { AccessPolicy } from './auth/access.js';
import {
  BULK_OPERATIONS,
  createBulkExport,
  createFileStore,
  createGroupPlugin,
  settingsFromConfig,
  type BulkExport,
} from './bulk/index.js';
import { EVERYTHING_OPERATION, everythingRoutes } from './everything/index.js';
import { createProvenancePlugin } from './provenance/index.js';
import { discoverIssuer, type IssuerKeys } from './auth/discovery.js';
import { createIntrospectionVerifier } from './auth/introspection.js';
import { createJwtVerifier } from './auth/jwt-verifier.js';
import { createTokenVerifier } from './auth/verifier.js';
import type { GatewayConfig } from './config/schema.js';
import type { PluginRegistry } from './plugins/registry.js';
import type { Store } from './store/types.js';
import { loadPlugins } from './plugins/registry.js';
import { createStorePlugin } from './plugins/store-plugin.js';
import { capabilitySecurity, type AuthorizationServerInfo } from './smart/configuration.js';
import { createStore } from './store/index.js';

export interface RunningGateway {
  /** Origin the server listens on, e.g. `http://localhost:8080`. */
  readonly url: string;
  /** Absolute FHIR base clients use. */
  readonly fhirBaseUrl: string;
  close(): Promise<void>;
}

const VERSION = '0.1.0';

/** Starts the gateway described by `config`. */
export async function startGateway(config: GatewayConfig, logger: Logger): Promise<RunningGateway> {
  const fhirBaseUrl = publicBaseUrl(config.server);
  const store = await createStore({
    ...config.store,
    logger: logger.child({ component: 'store' }),
  });
  const builtIn = [createStorePlugin(store, config.fhir.storedTypes)];
  if (config.bulk.enabled && config.bulk.groups.length > 0) {
    builtIn.push(createGroupPlugin(config.bulk.groups));
  }
  const provenance = config.fhir.provenance && createProvenancePlugin(config.fhir.provenance);
  if (provenance) builtIn.push(provenance);
  const registry = await loadPlugins(
    config.plugins,
    { logger, http: createHttpClient(config.backends), fhirBaseUrl },
    builtIn,
  );
  const access = new AccessPolicy(registry);
  provenance?.bind({ registry, access });
  const bulk = config.bulk.enabled ? buildBulk(config, store, registry, access, logger) : undefined;
  const issuer = await discoverIssuer(config.auth.issuer, config.auth.jwksUri);
  const authServer: AuthorizationServerInfo = {
    issuer: config.auth.issuer,
    metadata: issuer.metadata,
    capabilities: config.auth.smartCapabilities,
  };

  const app = createApp({
    services: {
      registry,
      access,
      limits: config.fhir,
      audit: store.audit,
      software: {
        name: config.fhir.softwareName,
        version: VERSION,
        publisher: config.fhir.publisher,
      },
      security: capabilitySecurity(authServer),
      operations: [EVERYTHING_OPERATION, ...(bulk ? BULK_OPERATIONS : [])],
    },
    verifier: buildVerifier(config, issuer, fhirBaseUrl),
    authServer,
    logger,
    store,
    fhirRoutes: [...everythingRoutes(), ...(bulk?.routes ?? [])],
    ...config.server,
  });
  const server = await listen(app, config.server.port, config.server.host);
  bulk?.start();
  const port = (server.address() as AddressInfo).port;
  logger.info('gateway listening', {
    port,
    fhirBaseUrl,
    plugins: registry.plugins.map((p) => p.name),
  });

  return {
    url: `http://localhost:${port}`,
    fhirBaseUrl,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await bulk?.close();
      await registry.close();
      await store.close();
    },
  };
}

/** Bulk export over the store, with the configured file store and settings. */
function buildBulk(
  config: GatewayConfig,
  store: Store,
  registry: PluginRegistry,
  access: AccessPolicy,
  logger: Logger,
): BulkExport {
  return createBulkExport({
    db: store.db,
    files: createFileStore(config.bulk),
    registry,
    access,
    audit: store.audit,
    logger,
    settings: settingsFromConfig(config.bulk),
  });
}

/** JWT verification always; introspection too when the gateway has IdP credentials. */
function buildVerifier(config: GatewayConfig, issuer: IssuerKeys, fhirBaseUrl: string) {
  const audience = config.auth.audience ?? fhirBaseUrl;
  const jwt = createJwtVerifier({ ...config.auth, audience, jwksUri: issuer.jwksUri });
  const introspection = config.auth.introspection;
  const endpoint = introspection?.endpoint ?? issuer.metadata.introspection_endpoint;
  if (!introspection || typeof endpoint !== 'string') return createTokenVerifier(jwt);
  return createTokenVerifier(
    jwt,
    createIntrospectionVerifier({
      ...introspection,
      endpoint,
      issuer: config.auth.issuer,
      audience,
    }),
  );
}

function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(server)));
    server.keepAliveTimeout = 65_000;
  });
}
