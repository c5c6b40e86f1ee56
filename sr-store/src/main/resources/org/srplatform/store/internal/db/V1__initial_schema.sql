-- The initial schema. Portable SQL (Derby 10.16, PostgreSQL 10+): standard identity columns and
-- sequences, VARCHAR for text (32672 is Derby's longest VARCHAR), TIMESTAMP columns hold UTC.
-- Never edit this file once released: add V2__... instead.

-- Catalog
CREATE TABLE products (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  around_the_clock BOOLEAN NOT NULL,
  zone_id VARCHAR(64) NOT NULL
);

CREATE TABLE product_support_windows (
  product_id VARCHAR(64) NOT NULL REFERENCES products (id),
  list_index INTEGER NOT NULL,
  day_of_week VARCHAR(9) NOT NULL,
  start_time TIME NOT NULL,
  end_time TIME NOT NULL,
  PRIMARY KEY (product_id, list_index)
);

CREATE TABLE product_holidays (
  product_id VARCHAR(64) NOT NULL REFERENCES products (id),
  holiday DATE NOT NULL,
  PRIMARY KEY (product_id, holiday)
);

CREATE TABLE problem_categories (
  product_id VARCHAR(64) NOT NULL REFERENCES products (id),
  id VARCHAR(64) NOT NULL,
  list_index INTEGER NOT NULL,
  name VARCHAR(200) NOT NULL,
  description VARCHAR(4000) NOT NULL,
  PRIMARY KEY (product_id, id)
);

CREATE TABLE knowledge_articles (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  product_id VARCHAR(64) NOT NULL REFERENCES products (id),
  category_id VARCHAR(64),
  title VARCHAR(500) NOT NULL,
  summary VARCHAR(4000) NOT NULL,
  body VARCHAR(32672) NOT NULL,
  url VARCHAR(2000) NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

CREATE INDEX knowledge_articles_product ON knowledge_articles (product_id, updated_at);

CREATE TABLE knowledge_article_tags (
  article_id VARCHAR(64) NOT NULL REFERENCES knowledge_articles (id),
  list_index INTEGER NOT NULL,
  tag VARCHAR(100) NOT NULL,
  PRIMARY KEY (article_id, list_index)
);

-- Offerings, accounts, contracts, contacts
CREATE TABLE support_offerings (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  name VARCHAR(200) NOT NULL
);

CREATE TABLE first_response_targets (
  offering_id VARCHAR(64) NOT NULL REFERENCES support_offerings (id),
  severity SMALLINT NOT NULL,
  within_ms BIGINT NOT NULL,
  response_clock VARCHAR(32) NOT NULL,
  PRIMARY KEY (offering_id, severity)
);

CREATE TABLE accounts (
  account_number VARCHAR(32) NOT NULL PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  customer_number VARCHAR(32) NOT NULL UNIQUE,
  region VARCHAR(16) NOT NULL
);

CREATE TABLE support_contracts (
  account_number VARCHAR(32) NOT NULL REFERENCES accounts (account_number),
  list_index INTEGER NOT NULL,
  product_id VARCHAR(64) NOT NULL REFERENCES products (id),
  offering_id VARCHAR(64) NOT NULL REFERENCES support_offerings (id),
  contract_type VARCHAR(16) NOT NULL,
  valid_from DATE NOT NULL,
  valid_until DATE NOT NULL,
  incidents_remaining INTEGER NOT NULL,
  PRIMARY KEY (account_number, list_index)
);

CREATE TABLE contacts (
  login VARCHAR(64) NOT NULL,
  account_number VARCHAR(32) NOT NULL REFERENCES accounts (account_number),
  name VARCHAR(200) NOT NULL,
  email VARCHAR(320) NOT NULL,
  phone VARCHAR(64),
  preferred VARCHAR(8) NOT NULL,
  PRIMARY KEY (login, account_number)
);

CREATE INDEX contacts_account ON contacts (account_number);

-- Users (user_accounts has no foreign key: users and accounts may be loaded in either order)
CREATE TABLE users (
  login VARCHAR(64) NOT NULL PRIMARY KEY,
  display_name VARCHAR(200) NOT NULL,
  email VARCHAR(320),
  region VARCHAR(16),
  password_hash VARCHAR(200) NOT NULL,
  must_change_password BOOLEAN NOT NULL,
  created_at TIMESTAMP NOT NULL
);

CREATE TABLE user_roles (
  login VARCHAR(64) NOT NULL REFERENCES users (login),
  role_name VARCHAR(32) NOT NULL,
  PRIMARY KEY (login, role_name)
);

CREATE TABLE user_accounts (
  login VARCHAR(64) NOT NULL REFERENCES users (login),
  account_number VARCHAR(32) NOT NULL,
  PRIMARY KEY (login, account_number)
);

-- Support requests. Numbers: two digits of the year, then this sequence, shared by every node.
CREATE SEQUENCE sr_number_seq AS BIGINT START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 999999999 NO CYCLE;

CREATE TABLE support_requests (
  sr_number BIGINT NOT NULL PRIMARY KEY,
  account_number VARCHAR(32) NOT NULL REFERENCES accounts (account_number),
  product_id VARCHAR(64) NOT NULL REFERENCES products (id),
  category_id VARCHAR(64) NOT NULL,
  severity SMALLINT NOT NULL,
  status VARCHAR(24) NOT NULL,
  subject VARCHAR(500) NOT NULL,
  description VARCHAR(32672) NOT NULL,
  contact_method VARCHAR(8) NOT NULL,
  phone VARCHAR(64),
  contact_login VARCHAR(64) NOT NULL,
  intake_channel VARCHAR(8) NOT NULL,
  assignee VARCHAR(64),
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  confirmation_due_at TIMESTAMP NOT NULL,
  first_response_due_at TIMESTAMP,
  first_responded_at TIMESTAMP,
  next_update_due_at TIMESTAMP,
  suggestions_shown BOOLEAN NOT NULL,
  version BIGINT NOT NULL
);

CREATE INDEX support_requests_account ON support_requests (account_number, sr_number);
CREATE INDEX support_requests_status ON support_requests (status, sr_number);

CREATE TABLE sr_tags (
  sr_number BIGINT NOT NULL REFERENCES support_requests (sr_number),
  list_index INTEGER NOT NULL,
  tag VARCHAR(100) NOT NULL,
  PRIMARY KEY (sr_number, list_index)
);

-- details: a JSON object of strings ({"from":"S3","to":"S2"})
CREATE TABLE timeline_entries (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sr_number BIGINT NOT NULL REFERENCES support_requests (sr_number),
  occurred_at TIMESTAMP NOT NULL,
  actor_id VARCHAR(128) NOT NULL,
  actor_name VARCHAR(200) NOT NULL,
  kind VARCHAR(64) NOT NULL,
  summary VARCHAR(2000) NOT NULL,
  details VARCHAR(32672) NOT NULL,
  internal BOOLEAN NOT NULL
);

CREATE INDEX timeline_entries_sr ON timeline_entries (sr_number, id);

CREATE TABLE attachments (
  sr_number BIGINT NOT NULL REFERENCES support_requests (sr_number),
  id VARCHAR(64) NOT NULL,
  name VARCHAR(500) NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 CHAR(64) NOT NULL,
  content_type VARCHAR(200) NOT NULL,
  uploaded_at TIMESTAMP NOT NULL,
  uploaded_by VARCHAR(64) NOT NULL,
  PRIMARY KEY (sr_number, id)
);

-- The transactional outbox: written with the change that causes a message, drained by dispatchers.
CREATE TABLE outbox (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_type VARCHAR(64) NOT NULL,
  sr_number BIGINT,
  destination VARCHAR(500) NOT NULL,
  subject VARCHAR(500) NOT NULL,
  payload VARCHAR(32672) NOT NULL,
  due_at TIMESTAMP NOT NULL,
  created_at TIMESTAMP NOT NULL,
  state VARCHAR(8) NOT NULL CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'FAILED')),
  attempts INTEGER NOT NULL,
  next_attempt_at TIMESTAMP NOT NULL,
  lease_until TIMESTAMP,
  last_error VARCHAR(2000),
  sent_at TIMESTAMP
);

CREATE INDEX outbox_due ON outbox (message_type, state, next_attempt_at);
CREATE INDEX outbox_state ON outbox (state, id);
