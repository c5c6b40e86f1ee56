-- Which node runs each job that must run on one node at a time (spi.store.JobLeases): until when, and who.
CREATE TABLE job_leases (
  job VARCHAR(100) NOT NULL PRIMARY KEY,
  node VARCHAR(200) NOT NULL,
  lease_until TIMESTAMP NOT NULL
);
