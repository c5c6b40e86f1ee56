-- Casework: queues and the rules that choose them, SLA clocks with their pauses, alerts and resolutions.
-- The SR's own columns (queue_id, assignee, first_responded_at, next_update_due_at, owes_response_at)
-- are the store's; these tables explain them.

CREATE TABLE casework_queues (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  active BOOLEAN NOT NULL
);

-- Routing rules, first match by position; an empty condition matches anything.
CREATE TABLE casework_routing_rules (
  position INTEGER NOT NULL PRIMARY KEY,
  product_id VARCHAR(64),
  severity SMALLINT,
  region VARCHAR(16),
  queue_id VARCHAR(64) NOT NULL REFERENCES casework_queues (id)
);

-- One row per SR and clock (FIRST_RESPONSE, NEXT_UPDATE). A NEXT_UPDATE clock starts again with each
-- update; its started_at tells its targets apart. watch_at is the next instant the target watch must look
-- at the clock (at risk, then due), NULL when nothing more can happen (stopped, paused, both told).
CREATE TABLE casework_clocks (
  sr_number BIGINT NOT NULL,
  clock VARCHAR(16) NOT NULL,
  counting VARCHAR(20) NOT NULL,
  started_at TIMESTAMP NOT NULL,
  due_at TIMESTAMP NOT NULL,
  at_risk_at TIMESTAMP NOT NULL,
  paused_since TIMESTAMP,
  paused_ms BIGINT NOT NULL,
  stopped_at TIMESTAMP,
  at_risk_told BOOLEAN NOT NULL,
  breach_told BOOLEAN NOT NULL,
  watch_at TIMESTAMP,
  PRIMARY KEY (sr_number, clock)
);

CREATE INDEX casework_clocks_watch ON casework_clocks (watch_at);

-- Every pause of an SR's clocks: while it waited on the customer or a vendor.
CREATE TABLE casework_pauses (
  sr_number BIGINT NOT NULL,
  paused_at TIMESTAMP NOT NULL,
  resumed_at TIMESTAMP,
  status VARCHAR(24) NOT NULL,
  reason VARCHAR(2000) NOT NULL,
  PRIMARY KEY (sr_number, paused_at)
);

-- Targets at risk and breached, each told once (the key), kept as history.
CREATE TABLE casework_alerts (
  sr_number BIGINT NOT NULL,
  clock VARCHAR(16) NOT NULL,
  started_at TIMESTAMP NOT NULL,
  kind VARCHAR(8) NOT NULL CHECK (kind IN ('AT_RISK', 'BREACHED')),
  due_at TIMESTAMP NOT NULL,
  raised_at TIMESTAMP NOT NULL,
  PRIMARY KEY (sr_number, clock, started_at, kind)
);

-- Resolved SRs that close by themselves unless the customer answers or reopens them first.
CREATE TABLE casework_resolutions (
  sr_number BIGINT NOT NULL PRIMARY KEY,
  resolved_at TIMESTAMP NOT NULL,
  closes_at TIMESTAMP NOT NULL
);

CREATE INDEX casework_resolutions_closes ON casework_resolutions (closes_at);

-- First responses as they came, for the SLA report (one row per SR).
CREATE TABLE casework_first_responses (
  sr_number BIGINT NOT NULL PRIMARY KEY,
  opened_at TIMESTAMP NOT NULL,
  product_id VARCHAR(64) NOT NULL,
  severity SMALLINT NOT NULL,
  offering_id VARCHAR(64) NOT NULL,
  due_at TIMESTAMP,
  responded_at TIMESTAMP,
  met BOOLEAN
);

CREATE INDEX casework_first_responses_opened ON casework_first_responses (opened_at);

-- A queue for everything until an administrator adds rules.
INSERT INTO casework_queues (id, name, active) VALUES ('general', 'General support', TRUE);
INSERT INTO casework_routing_rules (position, product_id, severity, region, queue_id) VALUES (1000, NULL, NULL, NULL, 'general');
