package org.rostersync.api.oneroster;

import java.util.Set;

/**
 * Which scopes may read an endpoint (as in the 1EdTech-licensed Ed-Fi OneRoster API): demographics are personal data
 * beyond the roster itself, so roster-core.readonly does not reach them; roster.readonly reaches everything.
 */
final class Scopes {

    private static final Set<String> DEMOGRAPHICS = Set.of(ClientAccess.ROSTER_DEMOGRAPHICS, ClientAccess.ROSTER);
    private static final Set<String> CORE = Set.of(ClientAccess.ROSTER_CORE, ClientAccess.ROSTER);

    private Scopes() {
    }

    /** The scopes of which the client needs one to read the path (a path of the OneRoster API, base included). */
    static Set<String> required(String path) {
        String rest = path.startsWith(OneRosterController.BASE) ? path.substring(OneRosterController.BASE.length()) : path;
        return rest.equals("/demographics") || rest.startsWith("/demographics/") ? DEMOGRAPHICS : CORE;
    }

    static boolean allows(ClientAccess access, String path) {
        return required(path).stream().anyMatch(access.scopes()::contains);
    }
}
