-- The home page keeps its meeting places (see 0011): a change to a place or its opening
-- hours raises the listing version, as a change to a need does.
CREATE CONSTRAINT TRIGGER meeting_places_listing AFTER INSERT OR UPDATE OR DELETE ON meeting_places
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_data_version('listing');
CREATE CONSTRAINT TRIGGER place_hours_listing AFTER INSERT OR UPDATE OR DELETE ON place_hours
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_data_version('listing');
