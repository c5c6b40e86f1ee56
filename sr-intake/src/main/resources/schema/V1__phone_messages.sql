-- Messages left by callers when every agent is busy: the callback queue of phone support.
CREATE TABLE phone_messages (
    id               VARCHAR(32)   NOT NULL PRIMARY KEY,
    caller_name      VARCHAR(200)  NOT NULL,
    company          VARCHAR(200)  NOT NULL,
    callback_number  VARCHAR(40)   NOT NULL,
    sr_number        BIGINT,
    description      VARCHAR(2000) NOT NULL,
    left_at          TIMESTAMP     NOT NULL,
    callback_due_at  TIMESTAMP     NOT NULL,
    taken_by         VARCHAR(100)  NOT NULL,
    called_back_at   TIMESTAMP,
    called_back_by   VARCHAR(100)
);

CREATE INDEX phone_messages_waiting ON phone_messages (called_back_at, callback_due_at);
