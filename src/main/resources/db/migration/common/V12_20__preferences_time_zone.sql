-- The time zone a person reads times in (null: not chosen, shown in UTC). The dashboard layout changed nothing
-- (issue 16): the home page after sign-in is a real dashboard now, and the column goes with the preference.
ALTER TABLE preferences ADD COLUMN time_zone VARCHAR(64);
ALTER TABLE preferences DROP COLUMN dashboard_layout;
