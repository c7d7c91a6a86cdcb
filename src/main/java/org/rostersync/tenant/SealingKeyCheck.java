package org.rostersync.tenant;

import io.micronaut.context.annotation.Context;
import org.rostersync.database.SharedKeys;

/**
 * At start, checks that this instance seals with the key the other live instances sharing the database seal with
 * ({@link SharedKeys}): a secret sealed on one must open on every other.
 */
@Context
class SealingKeyCheck {

    SealingKeyCheck(SealingKey key, SharedKeys sharedKeys) {
        sharedKeys.agree(SharedKeys.Key.SEALING, key.box().checkValue());
    }
}
