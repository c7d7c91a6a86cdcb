-- A source's attribute mapping: per entity, attributes read from another column of the delivery
-- ({"users": {"identifier": "metadata.studentNumber"}}); an attribute not listed is read from its own column.
ALTER TABLE source ADD COLUMN attribute_mapping jsonb NOT NULL DEFAULT '{}';
