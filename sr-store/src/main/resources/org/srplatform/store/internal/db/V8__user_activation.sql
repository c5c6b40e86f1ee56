-- Administration (issue 14): users are deactivated, never deleted, since SRs, timelines and audit entries name
-- them; a deactivated user never signs in.
ALTER TABLE users ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
