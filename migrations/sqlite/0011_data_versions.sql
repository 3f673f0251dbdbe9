-- Versions of the data that pages keep in memory (the open-needs list, the Quartiere,
-- who a signed-in person is and what roles they hold). Every change to the tables
-- behind them raises a version in the same transaction, so a page reads one small
-- table to know whether what it keeps is still right, on every instance alike.
--   listing:  needs, quartiere, organisations, organisation_quartiere
--   accounts: users, organisation_members, quartier_members, organisations, quartiere,
--             volunteers (the home point)
-- PostgreSQL spreads the versions over one row per connection; SQLite writes one
-- transaction at a time, so one row is enough. Readers add the rows up.
CREATE TABLE data_versions (
    shard     INTEGER PRIMARY KEY,
    listing   INTEGER NOT NULL,
    accounts  INTEGER NOT NULL
);
INSERT INTO data_versions (shard, listing, accounts) VALUES (0, 1, 1);

CREATE TRIGGER needs_insert_versions AFTER INSERT ON needs
BEGIN UPDATE data_versions SET listing = listing + 1; END;
CREATE TRIGGER needs_update_versions AFTER UPDATE ON needs
BEGIN UPDATE data_versions SET listing = listing + 1; END;
CREATE TRIGGER needs_delete_versions AFTER DELETE ON needs
BEGIN UPDATE data_versions SET listing = listing + 1; END;

CREATE TRIGGER quartiere_insert_versions AFTER INSERT ON quartiere
BEGIN UPDATE data_versions SET listing = listing + 1, accounts = accounts + 1; END;
CREATE TRIGGER quartiere_update_versions AFTER UPDATE ON quartiere
BEGIN UPDATE data_versions SET listing = listing + 1, accounts = accounts + 1; END;
CREATE TRIGGER quartiere_delete_versions AFTER DELETE ON quartiere
BEGIN UPDATE data_versions SET listing = listing + 1, accounts = accounts + 1; END;

CREATE TRIGGER organisations_insert_versions AFTER INSERT ON organisations
BEGIN UPDATE data_versions SET listing = listing + 1, accounts = accounts + 1; END;
CREATE TRIGGER organisations_update_versions AFTER UPDATE ON organisations
BEGIN UPDATE data_versions SET listing = listing + 1, accounts = accounts + 1; END;
CREATE TRIGGER organisations_delete_versions AFTER DELETE ON organisations
BEGIN UPDATE data_versions SET listing = listing + 1, accounts = accounts + 1; END;

CREATE TRIGGER organisation_quartiere_insert_versions AFTER INSERT ON organisation_quartiere
BEGIN UPDATE data_versions SET listing = listing + 1; END;
CREATE TRIGGER organisation_quartiere_update_versions AFTER UPDATE ON organisation_quartiere
BEGIN UPDATE data_versions SET listing = listing + 1; END;
CREATE TRIGGER organisation_quartiere_delete_versions AFTER DELETE ON organisation_quartiere
BEGIN UPDATE data_versions SET listing = listing + 1; END;

CREATE TRIGGER users_insert_versions AFTER INSERT ON users
BEGIN UPDATE data_versions SET accounts = accounts + 1; END;
CREATE TRIGGER users_update_versions AFTER UPDATE ON users
BEGIN UPDATE data_versions SET accounts = accounts + 1; END;
CREATE TRIGGER users_delete_versions AFTER DELETE ON users
BEGIN UPDATE data_versions SET accounts = accounts + 1; END;

CREATE TRIGGER organisation_members_insert_versions AFTER INSERT ON organisation_members
BEGIN UPDATE data_versions SET accounts = accounts + 1; END;
CREATE TRIGGER organisation_members_update_versions AFTER UPDATE ON organisation_members
BEGIN UPDATE data_versions SET accounts = accounts + 1; END;
CREATE TRIGGER organisation_members_delete_versions AFTER DELETE ON organisation_members
BEGIN UPDATE data_versions SET accounts = accounts + 1; END;

CREATE TRIGGER quartier_members_insert_versions AFTER INSERT ON quartier_members
BEGIN UPDATE data_versions SET accounts = accounts + 1; END;
CREATE TRIGGER quartier_members_update_versions AFTER UPDATE ON quartier_members
BEGIN UPDATE data_versions SET accounts = accounts + 1; END;
CREATE TRIGGER quartier_members_delete_versions AFTER DELETE ON quartier_members
BEGIN UPDATE data_versions SET accounts = accounts + 1; END;

CREATE TRIGGER volunteers_insert_versions AFTER INSERT ON volunteers
BEGIN UPDATE data_versions SET accounts = accounts + 1; END;
-- Only the home point counts: a volunteer's last activity changes with every sign-up.
CREATE TRIGGER volunteers_update_versions AFTER UPDATE OF user_id, home_lat, home_lon ON volunteers
BEGIN UPDATE data_versions SET accounts = accounts + 1; END;
CREATE TRIGGER volunteers_delete_versions AFTER DELETE ON volunteers
BEGIN UPDATE data_versions SET accounts = accounts + 1; END;
