import { expect } from 'chai';
import { PLANS } from './catalog.js';
import { buildDirectory, DEFAULT_PRACTITIONERS } from './providers.js';
import { isValidNpi, npiCheckDigit } from './providers-ids.js';
import { distanceKm, SERVICE_CITIES } from './providers-places.js';
import { networkOfPlan } from './providers-networks.js';
import { SPECIALTIES, TAXONOMY_CODES } from './providers-taxonomy.js';

const SEED = 11;

describe('synthetic provider directory', () => {
  const directory = buildDirectory({ seed: SEED });

  describe('determinism and size', () => {
    it('builds the same directory for the same size and seed, another for another seed', () => {
      const again = buildDirectory({ seed: SEED, practitioners: DEFAULT_PRACTITIONERS });
      expect(again).to.equal(directory);
      const rebuilt = buildDirectory({ seed: SEED, practitioners: 201 });
      expect(rebuilt.practitioners.slice(0, 5).map((p) => p.npi)).to.deep.equal(
        directory.practitioners.slice(0, 5).map((p) => p.npi),
      );
      const other = buildDirectory({ seed: SEED + 1 });
      expect(other.practitioners.map((p) => p.familyName)).to.not.deep.equal(
        directory.practitioners.map((p) => p.familyName),
      );
    });

    it('is sized by the number of practitioners', () => {
      expect(directory.practitioners).to.have.length(DEFAULT_PRACTITIONERS);
      const small = buildDirectory({ seed: SEED, practitioners: 30 });
      expect(small.practitioners).to.have.length(30);
      expect(small.organizations.length).to.be.below(directory.organizations.length);
      expect(() => buildDirectory({ seed: SEED, practitioners: 0 })).to.throw(RangeError);
    });

    it('covers every specialty and every organization type even when small', () => {
      const small = buildDirectory({ seed: 3, practitioners: SPECIALTIES.length });
      for (const specialty of SPECIALTIES) {
        expect(small.rolesBySpecialty.get(specialty.key), specialty.key).to.have.length.above(0);
      }
      const types = new Set(small.organizations.map((org) => org.type));
      for (const type of ['hospital', 'clinic', 'pharmacy', 'lab', 'imaging', 'dental', 'dme']) {
        expect(types.has(type as never), type).to.equal(true);
      }
    });
  });

  describe('NPI (45 CFR 162.406, Luhn check digit over 80840)', () => {
    it('computes the check digit of the CMS example 123456789 -> 3', () => {
      expect(npiCheckDigit('123456789')).to.equal(3);
      expect(isValidNpi('1234567893')).to.equal(true);
      expect(isValidNpi('1234567890')).to.equal(false);
      expect(isValidNpi('3234567893')).to.equal(false);
    });

    it('gives every practitioner a valid, unique type 1 NPI and organizations type 2', () => {
      const npis = directory.practitioners.map((p) => p.npi);
      expect(new Set(npis).size).to.equal(npis.length);
      for (const npi of npis) expect(isValidNpi(npi) && npi.startsWith('1'), npi).to.equal(true);
      const providers = directory.organizations.filter((org) => org.type !== 'payer');
      for (const org of providers) {
        expect(isValidNpi(org.npi ?? '') && org.npi?.startsWith('2'), org.id).to.equal(true);
        expect(org.tin).to.match(/^\d{9}$/);
      }
      expect(directory.organizations[0]).to.include({ id: 'O00000', type: 'payer' });
    });
  });

  describe('references', () => {
    it('links every role to its practitioner, organization, locations, services, networks', () => {
      const networkIds = new Set(directory.networks.map((n) => n.id));
      const serviceIds = new Set(directory.services.map((s) => s.id));
      for (const role of directory.roles) {
        expect(directory.practitionerById.has(role.practitionerId), role.id).to.equal(true);
        expect(directory.organizationById.has(role.organizationId), role.id).to.equal(true);
        for (const id of role.locationIds) {
          expect(directory.locationById.get(id)?.organizationId).to.equal(role.organizationId);
        }
        expect(role.serviceIds.every((id) => serviceIds.has(id))).to.equal(true);
        expect(role.networkIds).to.have.length.above(0);
        expect(role.networkIds.every((id) => networkIds.has(id))).to.equal(true);
      }
    });

    it('links services, endpoints, affiliations and parents to existing records', () => {
      const endpointIds = new Set(directory.endpoints.map((e) => e.id));
      for (const org of directory.organizations) {
        expect(org.endpointIds.every((id) => endpointIds.has(id))).to.equal(true);
        if (org.parentId) {
          expect(directory.organizationById.get(org.parentId)?.type).to.equal('hospital');
        }
      }
      for (const service of directory.services) {
        expect(directory.organizationById.has(service.organizationId)).to.equal(true);
        expect(service.locationIds.every((id) => directory.locationById.has(id))).to.equal(true);
      }
      for (const affiliation of directory.affiliations) {
        expect(directory.organizationById.has(affiliation.organizationId)).to.equal(true);
        expect(directory.organizationById.has(affiliation.participatingOrganizationId)).to.equal(
          true,
        );
      }
      const participation = directory.affiliations.filter((a) => a.role === 'network');
      expect(participation).to.have.length(directory.organizations.length - 1);
    });

    it('uses only taxonomy codes of its NUCC list', () => {
      const known = new Set(TAXONOMY_CODES.map((entry) => entry.code));
      for (const p of directory.practitioners) {
        expect(p.taxonomies.every((c) => known.has(c))).to.equal(true);
      }
      for (const org of directory.organizations) {
        if (org.taxonomy) expect(known.has(org.taxonomy), org.taxonomy).to.equal(true);
      }
    });
  });

  describe('networks and plans', () => {
    it('gives each catalog plan exactly one network and one insurance product', () => {
      for (const plan of PLANS) {
        const network = networkOfPlan(plan.id);
        expect(
          directory.insurancePlans.find((p) => p.planId === plan.id)?.networkIds,
        ).to.deep.equal([network.id]);
      }
      expect(directory.networks).to.have.length(3);
    });
  });

  describe('locations', () => {
    it('places sites near their service-area city, with hours unless open around the clock', () => {
      for (const site of directory.locations) {
        const city = SERVICE_CITIES.find((c) => c.zip === site.address.zip);
        expect(city, site.address.city).to.not.equal(undefined);
        const km = distanceKm(
          site.latitude,
          site.longitude,
          city?.latitude ?? 0,
          city?.longitude ?? 0,
        );
        expect(km, site.id).to.be.below(10);
        expect(site.open24h || site.hours.length >= 5, site.id).to.equal(true);
      }
    });
  });
});
