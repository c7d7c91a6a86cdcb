package org.rostersync.api.oneroster;

import io.micronaut.aop.Around;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The controller's routes count against the calling client's rate limit. On the controller rather than in a filter: a
 * filter cannot be ordered after the authentication filter, which declares no {@code @Order} and so already has the
 * lowest precedence (Micronaut 4 then orders equal filters by load order, which differs between the tests and the jar),
 * while a controller always runs after every filter.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Around
public @interface RateLimited {
}
