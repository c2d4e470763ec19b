/**
 * `npm run -s token -- <mode>`: gets an access token from the running demo authorization
 * server through the real SMART flows and prints only the token on stdout, for curl:
 *
 *   --patient <id> [--scope ".."]          standalone launch as the member (public app)
 *   --practitioner <id> [--scope ".."]     standalone launch as the practitioner
 *   --practitioner <id> --patient <id>     EHR launch with that patient in context
 *   --system [--alg RS384|ES384] [--scope ".."]   Backend Services (demo-backend)
 *
 * The server is AUTH_SERVER_URL (default http://localhost:4100); clients and keys are the
 * published demo ones from mock-backends/auth-server/config.ts.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  backendServicesToken,
  ehrLaunch,
  loginAsPatient,
  loginAsPractitioner,
} from '../mock-backends/auth-server/client.js';
import type { SmartTokenResponse } from '../mock-backends/auth-server/client.js';
import { demoClients } from '../mock-backends/auth-server/config.js';
import { demoBackendPrivateJwk } from '../mock-backends/auth-server/demo-keys.js';

/** Default scopes per mode. */
export const DEFAULT_SCOPES = {
  patient: 'openid fhirUser launch/patient patient/*.rs',
  practitioner: 'openid fhirUser user/*.rs',
  ehrLaunch: 'launch openid fhirUser patient/*.rs',
  system: 'system/*.rs',
} as const;

const USAGE =
  'usage: npm run -s token -- (--patient <id> | --practitioner <id> [--patient <id>]' +
  ' | --system [--alg RS384|ES384]) [--scope "<scopes>"]';

interface TokenArgs {
  readonly patient?: string;
  readonly practitioner?: string;
  readonly system?: boolean;
  readonly scope?: string;
  readonly alg?: string;
}

/** Runs the flow the arguments ask for against `issuer`. */
export async function requestToken(args: TokenArgs, issuer: string): Promise<SmartTokenResponse> {
  if (args.system) return systemToken(args, issuer);
  if (args.practitioner && args.patient) {
    return launchedToken(args.practitioner, args.patient, args, issuer);
  }
  if (args.practitioner) return practitionerToken(args.practitioner, args, issuer);
  if (args.patient) return patientToken(args.patient, args, issuer);
  throw new Error(USAGE);
}

function demoClient(clientId: string): {
  clientId: string;
  redirectUri: string;
  clientSecret?: string;
} {
  const client = demoClients().find((c) => c.clientId === clientId);
  if (!client || client.type === 'backend') throw new Error(`demo client ${clientId} missing`);
  const [redirectUri = ''] = client.redirectUris;
  const clientSecret = client.type === 'confidential' ? client.clientSecret : undefined;
  return { clientId, redirectUri, clientSecret };
}

function patientToken(patientId: string, args: TokenArgs, issuer: string) {
  const scope = args.scope ?? DEFAULT_SCOPES.patient;
  return loginAsPatient({ issuer, ...demoClient('demo-patient-app'), patientId, scope });
}

function practitionerToken(practitionerId: string, args: TokenArgs, issuer: string) {
  const scope = args.scope ?? DEFAULT_SCOPES.practitioner;
  const client = demoClient('demo-confidential-app');
  return loginAsPractitioner({ issuer, ...client, practitionerId, scope });
}

async function launchedToken(
  practitionerId: string,
  patient: string,
  args: TokenArgs,
  issuer: string,
) {
  const response = await fetch(`${issuer}/launch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ patient }),
  });
  if (response.status !== 201) throw new Error(`POST /launch answered HTTP ${response.status}`);
  const { launch } = (await response.json()) as { launch: string };
  const scope = args.scope ?? DEFAULT_SCOPES.ehrLaunch;
  const client = demoClient('demo-confidential-app');
  return ehrLaunch({ issuer, ...client, practitionerId, launch, scope });
}

function systemToken(args: TokenArgs, issuer: string) {
  const alg = args.alg ?? 'RS384';
  if (alg !== 'RS384' && alg !== 'ES384') throw new Error('--alg must be RS384 or ES384');
  return backendServicesToken({
    issuer,
    clientId: 'demo-backend',
    privateKey: demoBackendPrivateJwk(alg),
    alg,
    scope: args.scope ?? DEFAULT_SCOPES.system,
  });
}

/** The error message, with the network cause (e.g. ECONNREFUSED) when fetch failed. */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err.cause as { code?: string } | undefined)?.code;
  return code ? `${err.message} (${code})` : err.message;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      patient: { type: 'string' },
      practitioner: { type: 'string' },
      system: { type: 'boolean' },
      scope: { type: 'string' },
      alg: { type: 'string' },
    },
  });
  const issuer = (process.env.AUTH_SERVER_URL ?? 'http://localhost:4100').replace(/\/$/, '');
  const tokens = await requestToken(values, issuer);
  process.stdout.write(`${tokens.access_token}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`token: ${describe(err)}\n`);
    process.exitCode = 1;
  });
}
