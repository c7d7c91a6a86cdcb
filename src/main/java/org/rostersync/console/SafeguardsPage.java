package org.rostersync.console;

import org.rostersync.tenant.Safeguards;

/** The safeguards form: what is stored, the defaults beside it, and a refused form's state. */
public record SafeguardsPage(Frame frame, SourceHeader header, Safeguards stored, Safeguards defaults, FormState form) {
}
