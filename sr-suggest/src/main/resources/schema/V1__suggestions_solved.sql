-- "This solved it": a customer ended Get Support at a suggested resource instead of opening an SR. One row per
-- answer, so that the support manager sees which articles deflect requests (GET /api/v1/suggestions/solved).
CREATE TABLE suggestions_solved (
    article_id  VARCHAR(64)  NOT NULL,
    product     VARCHAR(64)  NOT NULL,
    category    VARCHAR(64),
    solved_by   VARCHAR(64)  NOT NULL,
    solved_at   TIMESTAMP    NOT NULL
);

CREATE INDEX suggestions_solved_at ON suggestions_solved (solved_at);
