/**
 * Typed configuration records bound from application.yml and ROSTERSYNC_* environment variables, and the data
 * directory's privacy (files 600, folders 700), and {@link org.rostersync.config.StartupRefusal}, a start refused in one
 * sentence. Uses nothing of ours.
 */
package org.rostersync.config;
