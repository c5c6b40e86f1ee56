-- Demo users (passwords equal to their names, API.md) are marked, and the user directory refuses them
-- outside demo mode: a normal start on data a demo start made must not open to admin1:admin1.
-- Users created while the platform runs in demo mode are demo users from now on.
ALTER TABLE users ADD COLUMN demo BOOLEAN NOT NULL DEFAULT FALSE;
-- Before this script nothing but demo mode created these logins (no release had an endpoint creating
-- users; a normal start creates only 'admin'), so their rows are the demo's.
UPDATE users SET demo = TRUE WHERE login IN ('customer1', 'customer2', 'engineer1', 'duty1', 'rem1', 'escalation1', 'admin1');
