-- A node that shuts down says so: an export stops waiting for its lines at once, rather than for
-- pledge.serverlogs.export-wait until the node's silence makes it count as down. A report clears it.
ALTER TABLE serverlogs_nodes ADD COLUMN stopped BOOLEAN DEFAULT FALSE NOT NULL;
