/** Password hashing and secret generation shared by operators, SFTP accounts and API clients. Uses nothing of ours. */
package org.rostersync.security;
