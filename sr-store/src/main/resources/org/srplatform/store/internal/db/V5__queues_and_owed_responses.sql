-- Queues and overdue lists. Each SR names the queue that works it (queues themselves, and the rules that
-- choose them, belong to the casework capability), and carries when the customer is owed a response
-- (SupportRequest.responseOwedBy(): the first response's target, then the next update's; NULL while the
-- SR waits on the customer or a vendor or is resolved), so that "overdue" is one range of one index
-- instead of a scan of every open SR.
ALTER TABLE support_requests ADD COLUMN queue_id VARCHAR(64);
ALTER TABLE support_requests ADD COLUMN owes_response_at TIMESTAMP;

UPDATE support_requests SET owes_response_at =
  CASE WHEN first_responded_at IS NULL THEN first_response_due_at ELSE next_update_due_at END
  WHERE status IN ('NEW', 'ASSIGNED', 'IN_PROGRESS');

-- An engineer's SRs newest first; a queue's SRs newest first; the overdue SRs (of one engineer: the
-- index's second column answers it without reading the rows).
CREATE INDEX support_requests_assignee ON support_requests (assignee, sr_number);
CREATE INDEX support_requests_queue ON support_requests (queue_id, sr_number);
CREATE INDEX support_requests_owed ON support_requests (owes_response_at, assignee);
