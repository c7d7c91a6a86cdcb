/** Typed configuration records bound from application.yml and ROSTERSYNC_* environment variables. Uses nothing of ours. */
package org.rostersync.config;
