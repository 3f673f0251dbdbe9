-- Versions of the data that pages keep in memory (the open-needs list, the Quartiere,
-- who a signed-in person is and what roles they hold). Every change to the tables
-- behind them raises a version in the same transaction, so a page reads one small
-- table to know whether what it keeps is still right, on every instance alike.
--   listing:  needs, quartiere, organisations, organisation_quartiere
--   accounts: users, organisation_members, quartier_members, organisations, quartiere,
--             volunteers (the home point)
-- PostgreSQL spreads each version over shards so that concurrent writers do not queue
-- on one row; SQLite writes one at a time, so one shard is enough. Readers add them up.
CREATE TABLE data_versions (
    name     TEXT    NOT NULL,
    shard    INTEGER NOT NULL,
    version  INTEGER NOT NULL,
    PRIMARY KEY (name, shard)
);
INSERT INTO data_versions (name, shard, version) VALUES ('listing', 0, 1), ('accounts', 0, 1);

CREATE TRIGGER needs_insert_listing AFTER INSERT ON needs
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'listing'; END;
CREATE TRIGGER needs_update_listing AFTER UPDATE ON needs
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'listing'; END;
CREATE TRIGGER needs_delete_listing AFTER DELETE ON needs
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'listing'; END;

-- Quartiere and organisations carry both: their names are in the lists and in the roles.
CREATE TRIGGER quartiere_insert_versions AFTER INSERT ON quartiere
BEGIN UPDATE data_versions SET version = version + 1; END;
CREATE TRIGGER quartiere_update_versions AFTER UPDATE ON quartiere
BEGIN UPDATE data_versions SET version = version + 1; END;
CREATE TRIGGER quartiere_delete_versions AFTER DELETE ON quartiere
BEGIN UPDATE data_versions SET version = version + 1; END;

CREATE TRIGGER users_insert_accounts AFTER INSERT ON users
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'accounts'; END;
CREATE TRIGGER users_update_accounts AFTER UPDATE ON users
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'accounts'; END;
CREATE TRIGGER users_delete_accounts AFTER DELETE ON users
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'accounts'; END;

CREATE TRIGGER organisation_members_insert_accounts AFTER INSERT ON organisation_members
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'accounts'; END;
CREATE TRIGGER organisation_members_update_accounts AFTER UPDATE ON organisation_members
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'accounts'; END;
CREATE TRIGGER organisation_members_delete_accounts AFTER DELETE ON organisation_members
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'accounts'; END;

CREATE TRIGGER quartier_members_insert_accounts AFTER INSERT ON quartier_members
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'accounts'; END;
CREATE TRIGGER quartier_members_update_accounts AFTER UPDATE ON quartier_members
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'accounts'; END;
CREATE TRIGGER quartier_members_delete_accounts AFTER DELETE ON quartier_members
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'accounts'; END;

CREATE TRIGGER organisations_insert_versions AFTER INSERT ON organisations
BEGIN UPDATE data_versions SET version = version + 1; END;
CREATE TRIGGER organisations_update_versions AFTER UPDATE ON organisations
BEGIN UPDATE data_versions SET version = version + 1; END;
CREATE TRIGGER organisations_delete_versions AFTER DELETE ON organisations
BEGIN UPDATE data_versions SET version = version + 1; END;

CREATE TRIGGER volunteers_insert_accounts AFTER INSERT ON volunteers
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'accounts'; END;
CREATE TRIGGER volunteers_update_accounts AFTER UPDATE ON volunteers
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'accounts'; END;
CREATE TRIGGER volunteers_delete_accounts AFTER DELETE ON volunteers
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'accounts'; END;

CREATE TRIGGER organisation_quartiere_insert_listing AFTER INSERT ON organisation_quartiere
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'listing'; END;
CREATE TRIGGER organisation_quartiere_update_listing AFTER UPDATE ON organisation_quartiere
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'listing'; END;
CREATE TRIGGER organisation_quartiere_delete_listing AFTER DELETE ON organisation_quartiere
BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'listing'; END;
