/**
 * Logs oidc-provider's events as JSON lines: OAuth errors at info (the client's mistake),
 * server errors at error, issued tokens at info. Only client ids, grant types and error codes
 * are logged: never tokens, account ids or patient ids.
 */
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { Logger } from 'winston';

const CLIENT_ERROR_EVENTS = [
  'authorization.error',
  'grant.error',
  'introspection.error',
  'revocation.error',
  'discovery.error',
  'jwks.error',
];

interface OAuthError {
  readonly error?: string;
  readonly error_description?: string;
  /** Private detail oidc-provider keeps out of the response (e.g. why client auth failed). */
  readonly error_detail?: string;
  readonly message?: string;
}

/** Subscribes the logger to the provider's events. */
export function logProviderEvents(provider: Provider, logger: Logger): void {
  for (const event of CLIENT_ERROR_EVENTS) {
    provider.on(event, (ctx: KoaContextWithOIDC, err: OAuthError) => {
      logger.info('oauth request refused', {
        event,
        error: err.error,
        description: err.error_description,
        detail: err.error_detail,
        clientId: ctx.oidc?.client?.clientId,
      });
    });
  }
  provider.on('server_error', (ctx: KoaContextWithOIDC, err: OAuthError) => {
    logger.error('auth server error', { error: err.message, route: ctx.oidc?.route });
  });
  provider.on('grant.success', (ctx: KoaContextWithOIDC) => {
    logger.info('token issued', {
      clientId: ctx.oidc.client?.clientId,
      grantType: ctx.oidc.params?.grant_type,
    });
  });
}
