package org.rostersync.roster;

/** A JSON document as stored (users.userIds, metadata), handed to readers unparsed. */
public record Json(String text) {
}
