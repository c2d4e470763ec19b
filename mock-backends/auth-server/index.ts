/**
 * Public surface of the bundled SMART on FHIR authorization server (demos and tests).
 */
export { createAuthServer, startAuthServer } from './server.js';
export type { AuthServer, AuthServerOptions, RunningAuthServer } from './server.js';
export {
  authServerConfigSchema,
  clientConfigSchema,
  userConfigSchema,
  demoClients,
  demoUsers,
  DEMO_CONFIDENTIAL_SECRET,
} from './config.js';
export type {
  AuthServerConfig,
  AuthServerConfigInput,
  ClientConfig,
  UserConfig,
} from './config.js';
export type { LaunchContext, FhirContextItem } from './launch-context.js';
export { ROUTES } from './provider.js';
export { demoBackendPrivateJwk, demoBackendPublicJwks } from './demo-keys.js';
export type { DemoKeyAlg } from './demo-keys.js';
