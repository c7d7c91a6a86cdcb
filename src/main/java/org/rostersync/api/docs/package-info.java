/**
 * The HTTP contract, served: the OpenAPI documents of the OneRoster and admin APIs (hand-written under
 * {@code schemas/openapi/}, held to the routes by tests) and Swagger UI from its webjar. Public: they hold no data. Uses
 * nothing of ours.
 */
package org.rostersync.api.docs;
