/**
 * Scope allow-lists (SMART App Launch 2.2 "Scopes and Launch Context"): v2 and v1 syntax,
 * wildcards, permission subsets and query-narrowed scopes.
 */
import { expect } from 'chai';
import { allowedScopes, oidcScopes, splitScope } from './scopes.js';

describe('auth server: scope allow-lists', () => {
  const patterns = ['openid', 'launch/patient', 'patient/*.rs', 'user/Coverage.cruds'];

  it('grants exact matches and clinical scopes a pattern covers', () => {
    const requested = [
      'openid',
      'launch/patient',
      'patient/*.rs',
      'patient/Observation.r',
      'patient/Observation.rs?category=laboratory',
      'patient/*.read',
      'user/Coverage.write',
    ];
    expect(allowedScopes(requested, patterns)).to.deep.equal(requested);
  });

  it('drops scopes no pattern covers', () => {
    const requested = [
      'fhirUser',
      'launch',
      'patient/*.cruds',
      'patient/*.write',
      'user/Patient.rs',
      'system/*.rs',
      'patient/Observation.x',
      'patient/Observation.sr',
    ];
    expect(allowedScopes(requested, patterns)).to.deep.equal([]);
  });

  it('splits scope parameters and picks the OpenID Connect ones', () => {
    const scopes = splitScope(' openid  patient/*.rs openid offline_access ');
    expect(scopes).to.deep.equal(['openid', 'patient/*.rs', 'offline_access']);
    expect(oidcScopes(scopes)).to.deep.equal(['openid', 'offline_access']);
    expect(splitScope(undefined)).to.deep.equal([]);
  });
});
