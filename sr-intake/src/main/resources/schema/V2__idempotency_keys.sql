-- Idempotency-Key of POST /requests: the SR a caller's key opened, so that a retry returns it instead of
-- opening a second one. Written in the SR's own transaction; rows older than a day are purged.
CREATE TABLE idempotency_keys (
    caller        VARCHAR(64)  NOT NULL,
    idem_key      VARCHAR(200) NOT NULL,
    sr_number     BIGINT       NOT NULL,
    request_hash  CHAR(64)     NOT NULL,
    created_at    TIMESTAMP    NOT NULL,
    PRIMARY KEY (caller, idem_key)
);

CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
