-- The home page keeps its meeting places (see 0011): a change to a place or its opening
-- hours raises the listing version, as a change to a need does.
CREATE TRIGGER meeting_places_insert_versions AFTER INSERT ON meeting_places
BEGIN UPDATE data_versions SET listing = listing + 1; END;
CREATE TRIGGER meeting_places_update_versions AFTER UPDATE ON meeting_places
BEGIN UPDATE data_versions SET listing = listing + 1; END;
CREATE TRIGGER meeting_places_delete_versions AFTER DELETE ON meeting_places
BEGIN UPDATE data_versions SET listing = listing + 1; END;

CREATE TRIGGER place_hours_insert_versions AFTER INSERT ON place_hours
BEGIN UPDATE data_versions SET listing = listing + 1; END;
CREATE TRIGGER place_hours_update_versions AFTER UPDATE ON place_hours
BEGIN UPDATE data_versions SET listing = listing + 1; END;
CREATE TRIGGER place_hours_delete_versions AFTER DELETE ON place_hours
BEGIN UPDATE data_versions SET listing = listing + 1; END;
