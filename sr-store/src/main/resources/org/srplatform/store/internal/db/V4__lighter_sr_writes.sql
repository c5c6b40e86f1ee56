-- Lighter SR writes. Every SR is written with its tags and timeline in one transaction, through one code
-- path (the store's transaction), after intake checked its account and product; SRs, accounts and
-- products are never deleted. The foreign keys below protected nothing that code does not, yet each cost
-- every new SR an index insert (Derby backs a foreign key with its own index) and a probe of the parent:
-- 4 of 13 index inserts and every probe. Reads keep their indexes: the primary keys of sr_tags and
-- timeline_entries (sr_number, ...) and support_requests_account (account_number, sr_number).
-- Attachments keep theirs: they are written one at a time, not on intake's path.
DROP FOREIGN KEY ON support_requests (account_number);
DROP FOREIGN KEY ON support_requests (product_id);
DROP FOREIGN KEY ON sr_tags (sr_number);
DROP FOREIGN KEY ON timeline_entries (sr_number);
