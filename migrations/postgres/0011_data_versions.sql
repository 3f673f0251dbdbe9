-- Versions of the data that pages keep in memory (the open-needs list, the Quartiere,
-- who a signed-in person is and what roles they hold). Every change to the tables
-- behind them raises a version in the same transaction, so a page reads one small
-- table to know whether what it keeps is still right, on every instance alike.
--   listing:  needs, quartiere, organisations, organisation_quartiere
--   accounts: users, organisation_members, quartier_members, organisations, quartiere,
--             volunteers (the home point)
-- The versions are spread over 16 rows, one per server connection (readers add them
-- up), so concurrent writers do not queue on one row. A transaction raises its row at
-- commit (deferred triggers) and once: it takes that one lock last, after every other,
-- so two writers can never wait on each other through it. Raising at each statement
-- instead measured a little faster but could deadlock two writers of the same row.
CREATE TABLE data_versions (
    shard     INTEGER PRIMARY KEY,
    listing   BIGINT  NOT NULL,
    accounts  BIGINT  NOT NULL
);
INSERT INTO data_versions (shard, listing, accounts)
SELECT shard, CASE WHEN shard = 0 THEN 1 ELSE 0 END, CASE WHEN shard = 0 THEN 1 ELSE 0 END
  FROM generate_series(0, 15) AS shard;

CREATE FUNCTION raise_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    setting TEXT := 'gn_data_versions.' || TG_ARGV[0];
    tx TEXT := txid_current()::TEXT;
BEGIN
    -- Once per transaction and version: the first of its deferred row events does it.
    IF current_setting(setting, true) IS DISTINCT FROM tx THEN
        PERFORM set_config(setting, tx, true);
        IF TG_ARGV[0] = 'listing' THEN
            UPDATE data_versions SET listing = listing + 1 WHERE shard = pg_backend_pid() % 16;
        ELSE
            UPDATE data_versions SET accounts = accounts + 1 WHERE shard = pg_backend_pid() % 16;
        END IF;
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
CREATE CONSTRAINT TRIGGER organisations_listing AFTER INSERT OR UPDATE OR DELETE ON organisations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_data_version('listing');
CREATE CONSTRAINT TRIGGER organisations_accounts AFTER INSERT OR UPDATE OR DELETE ON organisations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_data_version('accounts');
CREATE CONSTRAINT TRIGGER organisation_quartiere_listing AFTER INSERT OR UPDATE OR DELETE ON organisation_quartiere
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_data_version('listing');
CREATE CONSTRAINT TRIGGER users_accounts AFTER INSERT OR UPDATE OR DELETE ON users
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_data_version('accounts');
CREATE CONSTRAINT TRIGGER organisation_members_accounts AFTER INSERT OR UPDATE OR DELETE ON organisation_members
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_data_version('accounts');
CREATE CONSTRAINT TRIGGER quartier_members_accounts AFTER INSERT OR UPDATE OR DELETE ON quartier_members
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_data_version('accounts');
-- Only the home point counts: a volunteer's last activity changes with every sign-up.
CREATE CONSTRAINT TRIGGER volunteers_accounts AFTER INSERT OR UPDATE OF user_id, home_lat, home_lon OR DELETE ON volunteers
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_data_version('accounts');
