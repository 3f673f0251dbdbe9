-- Versions of the data that pages keep in memory (the open-needs list, the Quartiere,
-- who a signed-in person is and what roles they hold). Every change to the tables
-- behind them raises a version in the same transaction, so a page reads one small
-- table to know whether what it keeps is still right, on every instance alike.
--   listing:  needs, quartiere, organisations, organisation_quartiere
--   accounts: users, organisation_members, quartier_members, organisations, quartiere,
--             volunteers (the home point)
-- Each version is spread over 16 shards (readers add them up), and it is raised once
-- per transaction, at commit (a deferred trigger): concurrent sign-ups then do not
-- queue on one row for the length of their transactions.
CREATE TABLE data_versions (
    name     TEXT    NOT NULL,
    shard    INTEGER NOT NULL,
    version  BIGINT  NOT NULL,
    PRIMARY KEY (name, shard)
);
INSERT INTO data_versions (name, shard, version)
SELECT name, shard, CASE WHEN shard = 0 THEN 1 ELSE 0 END
  FROM (VALUES ('listing'), ('accounts')) AS names (name), generate_series(0, 15) AS shard;

CREATE FUNCTION raise_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    setting TEXT := 'gn_data_versions.' || TG_ARGV[0];
    tx TEXT := txid_current()::TEXT;
BEGIN
    -- Once per transaction and name: the first of its deferred row events does it.
    IF current_setting(setting, true) IS DISTINCT FROM tx THEN
        PERFORM set_config(setting, tx, true);
        UPDATE data_versions SET version = version + 1
         WHERE name = TG_ARGV[0] AND shard = pg_backend_pid() % 16;
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER needs_listing AFTER INSERT OR UPDATE OR DELETE ON needs
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_data_version('listing');
CREATE CONSTRAINT TRIGGER quartiere_listing AFTER INSERT OR UPDATE OR DELETE ON quartiere
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_data_version('listing');
CREATE CONSTRAINT TRIGGER quartiere_accounts AFTER INSERT OR UPDATE OR DELETE ON quartiere
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_data_version('accounts');
CREATE CONSTRAINT TRIGGER users_accounts AFTER INSERT OR UPDATE OR DELETE ON users
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_data_version('accounts');
CREATE CONSTRAINT TRIGGER organisation_members_accounts AFTER INSERT OR UPDATE OR DELETE ON organisation_members
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_data_version('accounts');
CREATE CONSTRAINT TRIGGER quartier_members_accounts AFTER INSERT OR UPDATE OR DELETE ON quartier_members
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_data_version('accounts');
CREATE CONSTRAINT TRIGGER organisations_accounts AFTER INSERT OR UPDATE OR DELETE ON organisations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_data_version('accounts');
CREATE CONSTRAINT TRIGGER volunteers_accounts AFTER INSERT OR UPDATE OR DELETE ON volunteers
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_data_version('accounts');
CREATE CONSTRAINT TRIGGER organisations_listing AFTER INSERT OR UPDATE OR DELETE ON organisations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_data_version('listing');
CREATE CONSTRAINT TRIGGER organisation_quartiere_listing AFTER INSERT OR UPDATE OR DELETE ON organisation_quartiere
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_data_version('listing');
