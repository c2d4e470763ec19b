/**
 * SMART App Launch 2.2 discovery (§ "Conformance": `.well-known/smart-configuration`) and the
 * matching CapabilityStatement security block. Endpoints come from the identity provider's
 * own metadata, so the document stays true for whichever IdP the payer runs.
 */
import type { CapabilityStatementRestSecurity } from '@medplum/fhirtypes';
import type { Request, Response } from 'express';

/** What the gateway learned about its authorization server. */
export interface AuthorizationServerInfo {
  readonly issuer: string;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly capabilities: readonly string[];
}

/** The smart-configuration document. All URLs are absolute (they come from IdP metadata). */
export function smartConfiguration(info: AuthorizationServerInfo): Record<string, unknown> {
  const md = info.metadata;
  const pick = (key: string) => (md[key] === undefined ? {} : { [key]: md[key] });
  return {
    issuer: info.issuer,
    ...pick('jwks_uri'),
    ...pick('authorization_endpoint'),
    ...pick('token_endpoint'),
    grant_types_supported: md.grant_types_supported ?? [
      'authorization_code',
      'client_credentials',
      'refresh_token',
    ],
    ...pick('token_endpoint_auth_methods_supported'),
    token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
    ...pick('registration_endpoint'),
    ...pick('introspection_endpoint'),
    ...pick('revocation_endpoint'),
    ...pick('userinfo_endpoint'),
    scopes_supported: md.scopes_supported ?? [],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    capabilities: [...info.capabilities],
  };
}

/** `GET [base]/.well-known/smart-configuration` */
export function smartConfigurationHandler(info: AuthorizationServerInfo) {
  const document = JSON.stringify(smartConfiguration(info));
  return (_req: Request, res: Response): void => {
    res.type('application/json').setHeader('Cache-Control', 'public, max-age=3600');
    res.send(document);
  };
}

/** CapabilityStatement `rest.security` with the oauth-uris extension and SMART service code. */
export function capabilitySecurity(info: AuthorizationServerInfo): CapabilityStatementRestSecurity {
  const md = info.metadata;
  const uris: Array<[string, unknown]> = [
    ['authorize', md.authorization_endpoint],
    ['token', md.token_endpoint],
    ['introspect', md.introspection_endpoint],
    ['revoke', md.revocation_endpoint],
    ['register', md.registration_endpoint],
  ];
  return {
    cors: true,
    service: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/restful-security-service',
            code: 'SMART-on-FHIR',
          },
        ],
        text: 'OAuth2 using SMART-on-FHIR profile (see http://docs.smarthealthit.org)',
      },
    ],
    extension: [
      {
        url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
        extension: uris
          .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
          .map(([url, valueUri]) => ({ url, valueUri })),
      },
    ],
  };
}
