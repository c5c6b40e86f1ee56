-- Administration (issue 14): products, problem categories and support offerings are deactivated, never deleted,
-- since SRs, contracts and the audit trail name them. A deactivated one is offered for no new SR; the SRs that name
-- it stay readable.
ALTER TABLE products ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE problem_categories ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE support_offerings ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;

-- A support offering's update cadence (spi.catalog.UpdateCadence): the time between updates to the customer while an
-- SR of a severity is worked. A severity without a row falls back to casework's configuration (update.hours.severityN).
CREATE TABLE offering_update_cadences (
  offering_id VARCHAR(64) NOT NULL REFERENCES support_offerings (id),
  severity SMALLINT NOT NULL,
  every_ms BIGINT NOT NULL,
  PRIMARY KEY (offering_id, severity)
);
