-- Escalations of SRs (section 4 of the support process): the request with its pre-checks, the regional
-- escalation manager's acceptance, the escalation engineer's plans and updates, "too slow", de-escalation.
-- Kept while the feature is disabled: they resume, with their clocks, when it is enabled again.

CREATE TABLE escalations (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sr_number BIGINT NOT NULL,
  -- the SR's number while the escalation is open, NULL after: at most one open escalation per SR
  open_sr BIGINT,
  region VARCHAR(16) NOT NULL,
  state VARCHAR(16) NOT NULL,
  reason VARCHAR(40) NOT NULL,
  problem_statement_confirmed BOOLEAN NOT NULL,
  business_impact_confirmed BOOLEAN NOT NULL,
  workaround_unacceptable BOOLEAN NOT NULL,
  milestones VARCHAR(4000) NOT NULL,
  detail VARCHAR(32000) NOT NULL,
  requested_by VARCHAR(64) NOT NULL,
  requested_at TIMESTAMP NOT NULL,
  escalation_engineer VARCHAR(64),
  resources VARCHAR(32000) NOT NULL,
  process_corrections VARCHAR(32000) NOT NULL,
  action_plan_revision INTEGER NOT NULL,
  comm_channels VARCHAR(64),
  comm_every_hours INTEGER,
  comm_participants VARCHAR(4000),
  last_update_at TIMESTAMP,
  -- what the team owes next (ACCEPTANCE, PLANS, UPDATE) and by when; NULL once de-escalated
  due_kind VARCHAR(16),
  due_at TIMESTAMP,
  -- the due the update watch has still to look at: due_at until the overdue alert went out, then NULL
  watch_at TIMESTAMP,
  conference_call_due BOOLEAN NOT NULL,
  too_slow_at TIMESTAMP,
  agreement_name VARCHAR(200),
  agreement_at TIMESTAMP,
  agreement_note VARCHAR(4000),
  de_escalated_at TIMESTAMP,
  updated_at TIMESTAMP NOT NULL,
  CONSTRAINT escalations_one_open UNIQUE (open_sr)
);

-- The daily review: open escalations, what is owed soonest first, all or of a region or state.
CREATE INDEX escalations_review ON escalations (due_at, id);
CREATE INDEX escalations_review_region ON escalations (region, due_at, id);
CREATE INDEX escalations_review_state ON escalations (state, due_at, id);
CREATE INDEX escalations_sr ON escalations (sr_number, id);
CREATE INDEX escalations_watch ON escalations (watch_at);

CREATE TABLE escalation_action_plans (
  escalation_id BIGINT NOT NULL,
  revision INTEGER NOT NULL,
  text VARCHAR(32000) NOT NULL,
  written_by VARCHAR(64) NOT NULL,
  written_by_name VARCHAR(200) NOT NULL,
  written_at TIMESTAMP NOT NULL,
  PRIMARY KEY (escalation_id, revision)
);

CREATE TABLE escalation_updates (
  escalation_id BIGINT NOT NULL,
  seq INTEGER NOT NULL,
  given_at TIMESTAMP NOT NULL,
  given_by VARCHAR(64) NOT NULL,
  given_by_name VARCHAR(200) NOT NULL,
  channel VARCHAR(16) NOT NULL,
  text VARCHAR(32000) NOT NULL,
  due_at TIMESTAMP,
  late BOOLEAN NOT NULL,
  PRIMARY KEY (escalation_id, seq)
);

CREATE TABLE escalation_history (
  escalation_id BIGINT NOT NULL,
  seq INTEGER NOT NULL,
  happened_at TIMESTAMP NOT NULL,
  actor VARCHAR(64) NOT NULL,
  actor_name VARCHAR(200) NOT NULL,
  kind VARCHAR(40) NOT NULL,
  summary VARCHAR(4000) NOT NULL,
  internal BOOLEAN NOT NULL,
  PRIMARY KEY (escalation_id, seq)
);

-- One digest per region and day, whichever node or restart gets there first.
CREATE TABLE escalation_digests (
  region VARCHAR(16) NOT NULL,
  digest_day DATE NOT NULL,
  sent_at TIMESTAMP NOT NULL,
  escalations INTEGER NOT NULL,
  PRIMARY KEY (region, digest_day)
);
