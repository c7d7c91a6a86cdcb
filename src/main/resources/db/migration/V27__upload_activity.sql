-- Uploads in progress, on any instance: the ticker's run on arrival waits while one of the source is still being
-- written, also when it is written on an instance that shares no disk with the one that looks (deliveries in object
-- storage). One row per upload, written at most every few seconds while its bytes flow, removed when it ends.
CREATE TABLE upload_activity (
    upload     text        PRIMARY KEY,
    source_id  uuid        NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    written_at timestamptz NOT NULL
);
CREATE INDEX upload_activity_source ON upload_activity (source_id, written_at);
