-- The partner's own case number (TSANet's receiverCaseNumber, a vendor's ticket), apart from the handle the
-- connector follows the case by; when a missed response deadline was told; pushes (webhooks) the partner sent,
-- each applied once.

ALTER TABLE collaborations ADD COLUMN partner_case_number VARCHAR(200);
ALTER TABLE collaborations ADD COLUMN respond_by_warned TIMESTAMP;

-- A push names the case by the connector's handle.
CREATE INDEX collaborations_external ON collaborations (connector_id, external_id);
-- The response-deadline watch: cases still waiting for the partner's first answer, soonest deadline first.
CREATE INDEX collaborations_waiting ON collaborations (state, respond_by);

CREATE TABLE partner_events (
  connector_id VARCHAR(64) NOT NULL,
  event_id VARCHAR(200) NOT NULL,
  collaboration_id BIGINT NOT NULL,
  received_at TIMESTAMP NOT NULL,
  PRIMARY KEY (connector_id, event_id)
);
