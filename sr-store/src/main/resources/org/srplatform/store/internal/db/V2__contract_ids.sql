-- Support contracts are named by an id (the API no longer points at them by their place in a list).
-- Contracts stored before get product:offering:validFrom, what SupportContract gives a contract without one.
ALTER TABLE support_contracts ADD COLUMN contract_id VARCHAR(200);
UPDATE support_contracts SET contract_id = product_id || ':' || offering_id || ':' || CAST(valid_from AS CHAR(10));
ALTER TABLE support_contracts ALTER COLUMN contract_id NOT NULL;
CREATE UNIQUE INDEX support_contracts_id ON support_contracts (account_number, contract_id);
