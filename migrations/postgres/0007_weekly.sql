-- A weekly need is repeated a week later once its time has passed; this points from an
-- occurrence to the next one, so it is repeated only once.
ALTER TABLE needs ADD COLUMN repeated_as BIGINT REFERENCES needs (id) ON DELETE SET NULL;
