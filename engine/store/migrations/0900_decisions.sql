-- DMN decisions (issue 13), deployed like forms and processes: per department, a new version
-- when the file changed. A DMN file is a decision requirements graph (DRG): its XML is kept
-- once in decision_requirements, each decision it holds gets a decision_definitions row.
-- version_tag: the deployment's tag (or zeebe:versionTag in the file), for bindingType versionTag.
CREATE TABLE decision_requirements (
  id               uuid PRIMARY KEY,
  deployment_id    uuid NOT NULL REFERENCES deployments (id),
  department       text NOT NULL,
  requirements_id  text NOT NULL,
  name             text,
  version          integer NOT NULL,
  version_tag      text,
  xml              text NOT NULL,
  xml_hash         text NOT NULL,
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL,
  UNIQUE (department, requirements_id, version)
);

CREATE TABLE decision_definitions (
  id               uuid PRIMARY KEY,
  requirements_key uuid NOT NULL REFERENCES decision_requirements (id),
  deployment_id    uuid NOT NULL REFERENCES deployments (id),
  department       text NOT NULL,
  decision_id      text NOT NULL,
  name             text,
  version          integer NOT NULL,
  version_tag      text,
  created_at       timestamptz NOT NULL,
  UNIQUE (department, decision_id, version)
);
CREATE INDEX decision_definitions_deployment ON decision_definitions (deployment_id);
