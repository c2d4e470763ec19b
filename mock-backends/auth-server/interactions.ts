/**
 * The interaction pages oidc-provider sends the browser to during authorization
 * (OpenID Connect Core section 3.1.2.3-4): pick a demo user, then confirm scopes and launch
 * context. The consent step creates the oidc-provider Grant (scopes the client may have) and
 * binds the SMART launch context to it.
 */
import express from 'express';
import type { Request, Response, Router } from 'express';
import type Provider from 'oidc-provider';
import type { AuthServerConfig, ClientConfig, UserConfig } from './config.js';
import type { LaunchContext, LaunchContextStore } from './launch-context.js';
import { allowedScopes, oidcScopes, splitScope } from './scopes.js';
import { consentPage, loginPage } from './views.js';

/** What the interaction routes need. */
export interface InteractionDeps {
  readonly provider: Provider;
  readonly config: AuthServerConfig;
  readonly contexts: LaunchContextStore;
}

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;
type Form = Record<string, string | undefined>;

/** Routes under /interaction/:uid. Forms are urlencoded; nothing else is parsed here. */
export function interactionRouter(deps: InteractionDeps): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '8kb' });
  router.get('/interaction/:uid', (req, res) => showInteraction(deps, req, res));
  router.post('/interaction/:uid/login', form, (req, res) => submitLogin(deps, req, res));
  router.post('/interaction/:uid/confirm', form, (req, res) => submitConsent(deps, req, res));
  router.post('/interaction/:uid/abort', (req, res) => abort(deps, req, res));
  return router;
}

async function showInteraction(deps: InteractionDeps, req: Request, res: Response) {
  const details = await deps.provider.interactionDetails(req, res);
  if (details.prompt.name === 'login') return sendLogin(deps, details, res);
  if (details.prompt.name !== 'consent') return abortWith(deps, req, res, 'unsupported prompt');
  if (deps.config.autoConsent) return grantConsent(deps, req, res, details, {});
  sendConsent(deps, details, res);
}

function sendConsent(deps: InteractionDeps, details: Interaction, res: Response) {
  const client = clientOf(deps, details);
  const user = userOf(deps, details);
  const { granted, refused } = scopesFor(client, details);
  const context = previewContext(deps, details, user);
  const pickPatient = !context.patient && granted.includes('launch/patient');
  const html = consentPage({
    uid: details.uid,
    clientName: client.name ?? client.clientId,
    userName: user.displayName,
    granted,
    refused,
    context,
    patientChoices: pickPatient ? members(deps.config.users) : [],
  });
  res.type('html').send(html);
}

function sendLogin(deps: InteractionDeps, details: Interaction, res: Response, error?: string) {
  const client = clientOf(deps, details);
  const html = loginPage({
    uid: details.uid,
    clientName: client.name ?? client.clientId,
    users: deps.config.users,
    error,
  });
  res
    .status(error ? 400 : 200)
    .type('html')
    .send(html);
}

async function submitLogin(deps: InteractionDeps, req: Request, res: Response) {
  const details = await deps.provider.interactionDetails(req, res);
  if (details.prompt.name !== 'login') return abortWith(deps, req, res, 'not expecting a login');
  const accountId = (req.body as Form).user;
  if (!deps.config.users.some((user) => user.id === accountId)) {
    return sendLogin(deps, details, res, 'Choose one of the listed users.');
  }
  const result = { login: { accountId: accountId as string } };
  await deps.provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}

async function submitConsent(deps: InteractionDeps, req: Request, res: Response) {
  const details = await deps.provider.interactionDetails(req, res);
  if (details.prompt.name !== 'consent') return abortWith(deps, req, res, 'not expecting consent');
  const body = req.body as Form;
  if (body.decision !== 'allow') return abortWith(deps, req, res, 'the user denied access');
  await grantConsent(deps, req, res, details, body);
}

/** Creates the Grant (RFC 6749 section 3.3: scopes as requested, when the client may). */
async function grantConsent(
  deps: InteractionDeps,
  req: Request,
  res: Response,
  details: Interaction,
  body: Form,
) {
  const { provider, config, contexts } = deps;
  const { granted } = scopesFor(clientOf(deps, details), details);
  const problem = consentProblem(deps, details, granted);
  const once = { mergeWithLastSubmission: false };
  if (problem) return provider.interactionFinished(req, res, problem, once);

  const grantId = await saveGrant(deps, details, granted);
  const context = chosenContext(deps, details, body, granted);
  contexts.bindToGrant(grantId, context, config.refreshTokenTtlSeconds);
  const launch = launchParam(details);
  if (launch) contexts.consumeLaunch(launch);
  await provider.interactionFinished(req, res, { consent: { grantId } });
}

/** Why no grant can be made (RFC 6749 section 4.1.2.1 error), or undefined. */
function consentProblem(deps: InteractionDeps, details: Interaction, granted: string[]) {
  if (granted.length === 0) {
    return { error: 'invalid_scope', error_description: 'no requested scope is allowed' };
  }
  const launch = launchParam(details);
  if (launch && !deps.contexts.resolveLaunch(launch)) {
    return { error: 'invalid_request', error_description: 'launch is unknown or expired' };
  }
  return undefined;
}

/** OpenID scopes go to the grant's openid part; every scope goes to the FHIR resource. */
function saveGrant(deps: InteractionDeps, details: Interaction, granted: string[]) {
  const { provider, config } = deps;
  const accountId = userOf(deps, details).id;
  const grant = new provider.Grant({ accountId, clientId: clientOf(deps, details).clientId });
  const oidc = oidcScopes(granted);
  if (oidc.length > 0) grant.addOIDCScope(oidc.join(' '));
  grant.addResourceScope(config.audience, granted.join(' '));
  return grant.save();
}

async function abort(deps: InteractionDeps, req: Request, res: Response) {
  await deps.provider.interactionDetails(req, res);
  await abortWith(deps, req, res, 'the user cancelled the sign-in');
}

function abortWith(deps: InteractionDeps, req: Request, res: Response, description: string) {
  const result = { error: 'access_denied', error_description: description };
  return deps.provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}

function clientOf(deps: InteractionDeps, details: Interaction): ClientConfig {
  const client = deps.config.clients.find((c) => c.clientId === details.params.client_id);
  if (!client) throw new Error('interaction for an unregistered client');
  return client;
}

function userOf(deps: InteractionDeps, details: Interaction): UserConfig {
  const user = deps.config.users.find((u) => u.id === details.session?.accountId);
  if (!user) throw new Error('interaction without a signed-in demo user');
  return user;
}

function scopesFor(client: ClientConfig, details: Interaction) {
  const requested = splitScope(details.params.scope as string | undefined);
  const granted = allowedScopes(requested, client.allowedScopes);
  return { granted, refused: requested.filter((scope) => !granted.includes(scope)) };
}

function launchParam(details: Interaction): string | undefined {
  const launch = details.params.launch;
  return typeof launch === 'string' ? launch : undefined;
}

/** EHR launch context first, else the signed-in member's own Patient. */
function previewContext(deps: InteractionDeps, details: Interaction, user: UserConfig) {
  const launch = launchParam(details);
  if (launch) return deps.contexts.resolveLaunch(launch) ?? {};
  return memberPatient(user) ? { patient: memberPatient(user) } : {};
}

/** The preview context, or the patient a practitioner picked for `launch/patient`. */
function chosenContext(
  deps: InteractionDeps,
  details: Interaction,
  body: Form,
  granted: readonly string[],
): LaunchContext {
  const context = previewContext(deps, details, userOf(deps, details));
  if (context.patient || !granted.includes('launch/patient') || !body.patient) return context;
  const known = members(deps.config.users).some((m) => memberPatient(m) === body.patient);
  return known ? { ...context, patient: body.patient } : context;
}

function memberPatient(user: UserConfig): string | undefined {
  const prefix = 'Patient/';
  return user.fhirUser.startsWith(prefix) ? user.fhirUser.slice(prefix.length) : undefined;
}

function members(users: readonly UserConfig[]): UserConfig[] {
  return users.filter((user) => memberPatient(user) !== undefined);
}
