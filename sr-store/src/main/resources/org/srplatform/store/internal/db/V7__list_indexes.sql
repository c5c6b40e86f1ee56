-- Staff lists at a million SRs. Every list is newest first (ORDER BY sr_number DESC) and Derby never walks an
-- ascending index backwards: with (x, sr_number) it read every row matching x and sorted them, and a whole-row
-- sort spills to disk (the description is up to 32 KB). With sr_number DESC in the index, a list reads its first
-- page and stops. Measured with bench/casework-queries.sh --stored 1000000, p50/p99: queue+status 4,558/18,749 ms
-- before, 81/338 ms with these indexes alone, a few ms with the repository's numbers-first query.
DROP INDEX support_requests_assignee;
CREATE INDEX support_requests_assignee ON support_requests (assignee, sr_number DESC);
DROP INDEX support_requests_queue;
CREATE INDEX support_requests_queue ON support_requests (queue_id, sr_number DESC);
CREATE INDEX support_requests_queue_status ON support_requests (queue_id, status, sr_number DESC);
DROP INDEX support_requests_status;
CREATE INDEX support_requests_status ON support_requests (status, sr_number DESC);
DROP INDEX support_requests_account;
CREATE INDEX support_requests_account ON support_requests (account_number, sr_number DESC);
-- The unfiltered list (every SR a staff member may see, newest first).
CREATE INDEX support_requests_newest ON support_requests (sr_number DESC);
-- Overdue: one range of owes_response_at (NULL unless a response is owed); an engineer's own overdue SRs are one
-- range under their name. Both carry the number so the candidates are found without reading a row.
DROP INDEX support_requests_owed;
CREATE INDEX support_requests_owed ON support_requests (owes_response_at, sr_number);
CREATE INDEX support_requests_assignee_owed ON support_requests (assignee, owes_response_at, sr_number);
