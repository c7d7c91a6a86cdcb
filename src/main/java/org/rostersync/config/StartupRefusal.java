package org.rostersync.config;

/**
 * A start refused for a reason an administrator fixes, said in one sentence that names what to do (the entry point
 * prints it alone, without a stack trace): another rostersync already uses the data directory, say.
 */
public class StartupRefusal extends RuntimeException {

    public StartupRefusal(String sentence) {
        super(sentence);
    }
}
