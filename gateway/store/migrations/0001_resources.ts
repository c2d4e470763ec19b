import type { Migration } from '../types.js';
import { perDialect } from './dialect.js';

/**
 * Resources the gateway owns (Consent, QuestionnaireResponse, ...), FHIR R4 versioned
 * (https://hl7.org/fhir/R4/http.html#versioning). `resources` holds the current version
 * with a `seq` fixed at creation for stable keyset paging; `resource_history` holds every
 * version, its primary key forbidding two writers from producing the same version number;
 * `resource_patients` lists the patient compartments a resource belongs to
 * (https://hl7.org/fhir/R4/compartmentdefinition-patient.html), computed on write.
 * `content` is the resource JSON; instants are ISO-8601 UTC text; `deleted` is 0 or 1.
 */
export const resources: Migration = {
  version: 1,
  name: 'resources',
  sql: perDialect(
    ({ serialKey }) => `
CREATE TABLE resources (
  seq ${serialKey},
  resource_type TEXT NOT NULL,
  id TEXT NOT NULL,
  version_id INTEGER NOT NULL,
  last_updated TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  content TEXT NOT NULL,
  UNIQUE (resource_type, id)
);
CREATE INDEX resources_type_seq ON resources (resource_type, seq);
CREATE INDEX resources_type_updated ON resources (resource_type, last_updated);

CREATE TABLE resource_history (
  resource_type TEXT NOT NULL,
  id TEXT NOT NULL,
  version_id INTEGER NOT NULL,
  last_updated TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  content TEXT NOT NULL,
  PRIMARY KEY (resource_type, id, version_id)
);

CREATE TABLE resource_patients (
  resource_type TEXT NOT NULL,
  id TEXT NOT NULL,
  patient_id TEXT NOT NULL,
  PRIMARY KEY (resource_type, id, patient_id),
  FOREIGN KEY (resource_type, id) REFERENCES resources (resource_type, id) ON DELETE CASCADE
);
CREATE INDEX resource_patients_patient ON resource_patients (patient_id, resource_type, id);
`,
  ),
};
