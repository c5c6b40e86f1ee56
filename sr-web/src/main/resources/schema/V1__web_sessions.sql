-- Browser sessions (sr-web): one row per signed-in browser, shared by every node on this database. Only a hash of
-- the session's token is kept, so that a copy of the database opens no session.
CREATE TABLE web_sessions (
    token_hash    CHAR(64)    NOT NULL PRIMARY KEY,
    login         VARCHAR(64) NOT NULL,
    created_at    TIMESTAMP   NOT NULL,
    last_seen_at  TIMESTAMP   NOT NULL,
    expires_at    TIMESTAMP   NOT NULL
);

CREATE INDEX web_sessions_login ON web_sessions (login);
CREATE INDEX web_sessions_expires ON web_sessions (expires_at);
CREATE INDEX web_sessions_last_seen ON web_sessions (last_seen_at);
