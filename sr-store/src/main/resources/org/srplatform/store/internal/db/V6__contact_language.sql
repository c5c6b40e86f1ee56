-- Messages to a contact are written in their language (a BCP 47 tag); English for contacts made before.
ALTER TABLE contacts ADD COLUMN language VARCHAR(16) NOT NULL DEFAULT 'en';
