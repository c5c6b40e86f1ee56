-- The SRs changed since a time (spi.request.SupportRequestRepository.changedSince, which the search index reads at
-- every start to catch up with what it missed) were found by reading every SR's row: at a million SRs, seconds of
-- CPU at each start, competing with the start and the first requests. An SR's updated_at only grows, so a write
-- adds its entry at the index's end, where the pages are already in the cache.
CREATE INDEX support_requests_updated ON support_requests (updated_at);
