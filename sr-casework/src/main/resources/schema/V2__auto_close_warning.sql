-- The customer is warned before a resolved SR closes by itself: once, at warn_at.
ALTER TABLE casework_resolutions ADD COLUMN warn_at TIMESTAMP;
ALTER TABLE casework_resolutions ADD COLUMN warned BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE casework_resolutions SET warn_at = closes_at;
CREATE INDEX casework_resolutions_warn ON casework_resolutions (warn_at);
