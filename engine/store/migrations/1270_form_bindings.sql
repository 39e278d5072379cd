-- A user task's linked form may be bound as Camunda 8 binds it (zeebe:formDefinition bindingType):
-- versionTag: the newest version whose schema carries that versionTag (form-js writes it at the top of the schema);
-- deployment: the version sent in the same deployment as the process, new or unchanged, recorded here.
ALTER TABLE forms ADD COLUMN version_tag text GENERATED ALWAYS AS (schema ->> 'versionTag') STORED;

CREATE TABLE deployment_forms (
  deployment_id   uuid NOT NULL REFERENCES deployments (id),
  form_version_id uuid NOT NULL REFERENCES forms (id),
  PRIMARY KEY (deployment_id, form_version_id)
);
