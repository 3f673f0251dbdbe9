-- The open-needs list and its capped count read only this index: every column their
-- conditions use is in it, so counting up to the cap touches no table rows. It
-- replaces the narrower index on (status, starts_at).
CREATE INDEX needs_open_soonest ON needs (status, starts_at, ends_at, hidden_at, quartier_id, category);
DROP INDEX needs_status_start;
